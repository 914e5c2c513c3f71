// Helpers shared by the engine tests and the tests of later stages (rules/test_util.h): load a
// real capture folder or in-memory fixture files through the real pipeline (ingest -> model).
// Only for tests.
#ifndef RUNDOWN_ENGINE_TEST_UTIL_H_
#define RUNDOWN_ENGINE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/event_store.h"
#include "engine/ingest.h"
#include "engine/model.h"
#include "gtest/gtest.h"
#include "parsers/source_sniffer.h"

namespace rundown::engine_test {

// The model points into the store, so both live together behind one stable address.
struct Loaded {
  EventStore store;
  Model model;
};

// Ingests testdata/<name> with `threads` workers and builds its model.
inline std::unique_ptr<Loaded> LoadFolder(const std::string& name, int threads = 2) {
  auto d = DiscoverSources(std::string(RUNDOWN_TESTDATA) + "/" + name);
  EXPECT_TRUE(d.ok()) << d.status();
  IngestOptions o;
  o.threads = threads;
  auto store = Ingest(d->files, o);
  EXPECT_TRUE(store.ok()) << store.status();
  auto out = std::make_unique<Loaded>();
  out->store = std::move(*store);
  out->model = BuildModel(out->store, threads);
  return out;
}

// The same for fixture files built in code, on one thread.
inline std::unique_ptr<Loaded> LoadFiles(const std::vector<InMemoryFile>& files) {
  IngestOptions o;
  o.threads = 1;
  auto store = IngestBuffers(files, o);
  EXPECT_TRUE(store.ok()) << store.status();
  auto out = std::make_unique<Loaded>();
  out->store = std::move(*store);
  out->model = BuildModel(out->store, 1);
  return out;
}

}  // namespace rundown::engine_test

#endif  // RUNDOWN_ENGINE_TEST_UTIL_H_
