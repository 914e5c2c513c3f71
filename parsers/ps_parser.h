// PsParser reads procps-ng `ps` output (4.0): `ps aux`, `ps -ef`, `ps -eo <columns>`,
// `ps -ejH`, `ps axjf` / `auxf` / `--forest`, `ps -eLf`, `ps -o pid,comm`. One kProcessRow
// event per process (see the slot table in event.h).
//
// The header line names the columns, so the file is parsed whole (not splittable). Every
// column is one whitespace-separated token except:
//   - the last column when it is COMMAND/CMD/ARGS/COMM: the rest of the line, spaces
//     included (`ps -ef` prints argv joined by spaces, quoting lost);
//   - STARTED (lstart: "Mon Nov 23 00:39:53 2026", five tokens) and START (bsdstart:
//     "Nov 22", two tokens), recognised by their day/month names.
// A COMMAND column that is not last (`ps -eo comm,pid`) is one token.
//
// Tree output: `\_ ` art (axjf, auxf, --forest) and two-space indentation (-H) are stripped
// from the command and the level goes to detail.c (0 = top). Threads (-L: an LWP/SPID/TID
// column): one event per process, from its first row; detail.b = the NLWP column, or else
// the number of thread rows seen; the other thread rows count as annotations.
// Rows that do not fit the header become diagnostics naming the line.
//
// CPU columns: %CPU (ps aux, -o pcpu; top's) or -ef's C as the share of one core in tenths
// of a percent (Event::result), TIME / TIME+ / CPUTIME as seconds of CPU time (Event::fd),
// ELAPSED (etime "1-02:03:04", etimes "13") only to derive the share when %CPU is absent:
// procps's %CPU is TIME over ELAPSED. A value they cannot read ("-") is -1, not an error.
// With -L the process's row (the leader's, first) carries the process's totals.
//
// `top -b` (any -n, -c, -w) is read too: its summary area ("top - ... up ...", "Tasks:",
// "%Cpu(s):", "MiB Mem :", "MiB Swap:"; BusyBox's "Mem:", "CPU:", "Load average:") is annotations, the PID ... COMMAND header and rows
// are as ps prints them. top -H ("Threads:") lists threads under their tids: one diagnostic,
// and its rows are not read as processes.
#ifndef RUNDOWN_PARSERS_PS_PARSER_H_
#define RUNDOWN_PARSERS_PS_PARSER_H_

#include <string_view>

#include "parsers/source_parser.h"

namespace rundown {

// A line of the summary area top -b prints above each listing.
bool IsTopSummary(std::string_view line);

// A ps (or top) header that names a PID and a command column, as the parser reads it.
bool IsPsHeader(std::string_view line);

class PsParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kPs; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PS_PARSER_H_
