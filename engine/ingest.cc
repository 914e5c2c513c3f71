#include "parsers/event.h"
namespace rundown {}
