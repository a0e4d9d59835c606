#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace tawasul::testing {

/// How a DemoServerTest loads and starts its server. Every member has a default initializer, so
/// that designated initializers may leave any out (-Wmissing-field-initializers).
struct DemoServerOptions {
  /// The demo users' password (`tawasul demo --password`).
  std::string password = {};
  /// `demo --profile`; empty: the demo's default profile.
  std::string profile = {};
  /// NAME=VALUE pairs for every `tawasul` run; TAWASUL_PROFILES_DIR is always added.
  std::vector<std::string> env = {"TAWASUL_COUNTRY=SA"};
  /// Added to `serve`'s command line.
  std::vector<std::string> serve_args = {};
  /// Added to `demo`'s command line (e.g. {"--history", "30"}).
  std::vector<std::string> demo_args = {};
};

/// A real `tawasul serve` loaded with a demo, on the store GetParam() names: "sqlite" (a file in
/// a directory of the test's own, so that the test or a second node may open the same store) or
/// "postgres" (a scratch database on TAWASUL_TEST_PG; skipped when TAWASUL_ALLOW_NO_PG is set and
/// there is none). Instantiate with ::testing::Values("sqlite", "postgres").
class DemoServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  using json = nlohmann::json;

  explicit DemoServerTest(DemoServerOptions options) : options_(std::move(options)) {}

  /// Picks the store, loads the demo, starts the server and makes http_. A subclass that
  /// overrides SetUp calls this first and returns if IsSkipped() or HasFatalFailure().
  void SetUp() override;
  /// Stops the server and removes the SQLite directory; a subclass resets what it holds on the
  /// store first.
  void TearDown() override;

  /// Another `tawasul serve` on the same store, optionally loading the demo first (SetUp's node).
  std::unique_ptr<ServerProcess> StartNode(bool load_demo);

  /// The sign-in's response, unchecked.
  HttpResponse LoginResponse(const HttpClient& http, const std::string& user) const;
  HttpResponse LoginResponse(const std::string& user) const { return LoginResponse(*http_, user); }
  /// Signs `user` in on `http` (default: http_), expecting 200; their token ("" if it failed).
  std::string Login(const HttpClient& http, const std::string& user) const;
  std::string Login(const std::string& user) const { return Login(*http_, user); }
  /// Login, once per user per test.
  std::string Token(const std::string& user);

  /// GET `path` as `token`, expecting `status`; the body as JSON (null when empty, discarded
  /// when not JSON).
  json GetJson(const std::string& path, const std::string& token, long status = 200);
  /// POST `body` as JSON to `path` as `token`, expecting `status`; the answer as GetJson's.
  json PostJson(const std::string& path, const json& body, const std::string& token,
                long status = 200);
  /// Any method to `path` as `token`, with `body` as JSON unless it is null, through `via` (another
  /// node) or this test's server; the raw answer, nothing expected.
  HttpResponse Send(const std::string& method, const std::string& path, const json& body,
                    const std::string& token, const HttpClient* via = nullptr) const;
  /// Called on every GetJson/PostJson answer: a suite's check of every body.
  virtual void CheckBody(const std::string& /*path*/, const HttpResponse& /*r*/) {}

  static json BodyJson(const HttpResponse& r);

  const std::string& password() const { return options_.password; }
  const std::string& store_url() const { return url_; }

  DemoServerOptions options_;
  std::unique_ptr<ScratchPgDatabase> pg_;  // declared first: dropped after the servers stop
  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace tawasul::testing
