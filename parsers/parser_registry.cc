#include "parsers/parser_registry.h"

#include "parsers/container_parser.h"
#include "parsers/inotify_parser.h"
#include "parsers/netstat_parser.h"
#include "parsers/program_log_parser.h"
#include "parsers/ps_parser.h"
#include "parsers/ss_parser.h"
#include "parsers/strace_parser.h"

namespace rundown {

std::unique_ptr<SourceParser> MakeParser(SourceKind kind, const ParserOptions& options) {
  switch (kind) {
    case SourceKind::kStrace: return std::make_unique<StraceParser>();
    case SourceKind::kInotify: return std::make_unique<InotifyParser>(options);
    case SourceKind::kSs: return std::make_unique<SsParser>();
    case SourceKind::kNetstat: return std::make_unique<NetstatParser>();
    case SourceKind::kPs: return std::make_unique<PsParser>();
    case SourceKind::kProgramLog: return std::make_unique<ProgramLogParser>();
    case SourceKind::kContainer: return std::make_unique<ContainerParser>();
    case SourceKind::kUnknown: break;
  }
  return nullptr;
}

}  // namespace rundown
