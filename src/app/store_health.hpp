#pragma once

#include <string>

namespace tawasul::app {

/// What operations read of the store: is it reachable (the schema version) and its own metrics.
class StoreHealth {
 public:
  virtual ~StoreHealth() = default;

  virtual int SchemaVersion() = 0;
  /// Appends the store's own Prometheus lines (commit batches, their sizes and durations).
  virtual void AppendMetrics(std::string& out) = 0;
};

}  // namespace tawasul::app
