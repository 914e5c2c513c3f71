// ContainerParser reads `docker inspect <container>` output (container.json / inspect.json:
// a JSON array of container objects, or one object) with simdjson on-demand, and emits one
// kRunInfo event per sandbox setting: name = the setting as Docker names it, str = its value
// as text (strings as is, numbers and booleans as printed, arrays joined by ',', "[]" when
// empty, "null"). Event.line is the line of the value, so a report can cite it.
//
// Settings read: Name, Config.Image, Config.User, HostConfig.NetworkMode / Privileged /
// CapAdd / CapDrop / SecurityOpt / ReadonlyRootfs / Memory / MemorySwap / NanoCpus /
// CpuQuota / PidsLimit / PidMode / IpcMode / UsernsMode / Binds, each of Mounts[] as
// "Mount" = "SRC -> DST (rw|ro)", State.ExitCode / OOMKilled. Config.Env is not read (it
// holds secrets). Invalid JSON is one diagnostic naming the line simdjson stopped at.
#ifndef RUNDOWN_PARSERS_CONTAINER_PARSER_H_
#define RUNDOWN_PARSERS_CONTAINER_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class ContainerParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kContainer; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_CONTAINER_PARSER_H_
