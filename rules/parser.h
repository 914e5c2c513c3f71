// The rule language's parser: tokens (rules/lexer.h) to a syntax tree (rules/ast.h) with a
// byte offset on every node. It resolves nothing: whether `spawned` is a macro and whether
// `proc.pid` takes a number is the checker's business (rules/checker.h). It stops at the
// first syntax error and reports it with its position. Nesting of parentheses and `not` is
// bounded (kMaxDepth) so a hostile file cannot exhaust the stack.
//
// Grammar (EBNF; docs/RULES.md holds the same text). Words in quotes are keywords where
// they stand; only the operator words (and or not in startswith endswith contains glob
// regex exists true false) are reserved and cannot name a list, macro or rule.
//
//   file       = { decl } ;
//   decl       = include | list | macro | rule | except | test ;
//   include    = "include" STRING ;
//   list       = "list" NAME ( "=" | "+=" ) "(" [ item { "," item } [ "," ] ] ")" ;
//   item       = literal | NAME ;                              (* NAME: another list *)
//   macro      = "macro" NAME "=" expr ;
//   rule       = "rule" NAME "{" { clause } "}" ;
//   clause     = "category" NAME
//              | "severity" NAME
//              | "requires" sources { "," sources }
//              | "when" expr                                   (* fires on matching events *)
//              | "none" expr                                   (* holds when none match *)
//              | "count" [ "distinct" FIELD ] [ "by" FIELD { "," FIELD } ] cmp INT
//              | "sequence" [ "by" FIELD { "," FIELD } ] [ "within" DURATION ]
//                    "{" step { step } "}"
//              | "except" [ NAME ] "when" expr
//              | "observation" STRING
//              | "recommendation" STRING
//              | "references" text { "," text }
//              | "tags" text { "," text } ;
//   sources    = NAME { "|" NAME } ;                           (* strace|inotify|ss|... *)
//   step       = "step" [ NAME ":" ] expr ;
//   except     = "except" NAME [ NAME ] "when" expr ;          (* RULE [EXCEPTION-NAME] *)
//   test       = "test" NAME "{" { fixture | expect } "}" ;
//   fixture    = "file" [ NAME ] STRING STRING ;               (* [kind] name content *)
//   expect     = "expect" NAME ( "fired" [ INT ] | "held" | "not_assessed" | "silent" ) ;
//   text       = STRING | NAME ;
//
//   expr       = conj { "or" conj } ;
//   conj       = unary { "and" unary } ;
//   unary      = "not" unary | primary ;
//   primary    = "(" expr ")" | "true" | "false"
//              | FIELD "exists"
//              | FIELD cmp ( literal | FIELD )
//              | FIELD [ "not" ] setop set
//              | NAME ;                                        (* macro or boolean field *)
//   cmp        = "=" | "!=" | "<" | "<=" | ">" | ">=" ;
//   setop      = "in" | "startswith" | "endswith" | "contains" | "glob" | "regex" ;
//   set        = "(" literal { "," literal } [ "," ] ")" | NAME | literal ;
//   literal    = STRING | INT | DURATION | ADDRESS | "true" | "false" ;
//
// FIELD and NAME are both identifiers (rules/lexer.h); fields have a dot (proc.pid), list,
// macro, rule and step names do not.
#ifndef RUNDOWN_RULES_PARSER_H_
#define RUNDOWN_RULES_PARSER_H_

#include <memory>

#include "rules/ast.h"
#include "rules/source_text.h"

namespace rundown::rules {

inline constexpr int kMaxDepth = 64;

// Parses a whole rule file. On a syntax error reports it to `sink` and returns false
// (`out` then holds what was parsed before the error).
bool ParseModule(const SourceText& source, DiagSink* sink, Module* out);

// Parses a standalone expression (rundown events --where). Null on error.
std::unique_ptr<Expr> ParseExpression(const SourceText& source, DiagSink* sink);

// True for the operator words that cannot name a list, macro, rule or step.
bool IsReservedWord(std::string_view word);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_PARSER_H_
