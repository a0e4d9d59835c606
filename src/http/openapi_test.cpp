// The embedded OpenAPI document and the router must describe the same API: every route is
// documented with its method, path, parameters, body and security, and everything documented
// is routed.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "http/api.hpp"

namespace tawasul::http {
namespace {

using Json = nlohmann::json;

const std::set<std::string> kHttpMethods = {"get",     "put",  "post",  "delete",
                                            "options", "head", "patch", "trace"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = Json::parse(Api::OpenApiDocument());
    routes_ = Api::RouteTable();
  }

  const Json* Operation(const RouteInfo& r) const {
    auto path = doc_["paths"].find(r.path);
    if (path == doc_["paths"].end()) return nullptr;
    auto op = path->find(Lower(r.method));
    return op == path->end() ? nullptr : &*op;
  }

  /// Follows a local "$ref" ("#/components/...").
  const Json& Resolve(const Json& j) const {
    if (!j.is_object() || !j.contains("$ref")) return j;
    return doc_.at(Json::json_pointer(j["$ref"].get<std::string>().substr(1)));
  }

  Json doc_;
  std::vector<RouteInfo> routes_;
};

TEST_F(OpenApiTest, IsAnOpenApi3Document) {
  ASSERT_TRUE(doc_.is_object());
  EXPECT_EQ(doc_["openapi"].get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(doc_["info"].contains("title"));
  EXPECT_TRUE(doc_["paths"].is_object());
  EXPECT_FALSE(routes_.empty());
}

TEST_F(OpenApiTest, EveryRouteIsDocumented) {
  for (const RouteInfo& r : routes_) {
    EXPECT_NE(Operation(r), nullptr) << r.method << " " << r.path << " is not in openapi.json";
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRouted) {
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (kHttpMethods.count(method) == 0) continue;
      const bool routed = std::any_of(routes_.begin(), routes_.end(), [&](const RouteInfo& r) {
        return r.path == path && Lower(r.method) == method;
      });
      EXPECT_TRUE(routed) << method << " " << path << " is documented but not routed";
    }
  }
}

TEST_F(OpenApiTest, PathParametersAreDocumented) {
  const std::regex param(R"(\{([a-z_]+)\})");
  for (const RouteInfo& r : routes_) {
    const Json* op = Operation(r);
    if (op == nullptr) continue;
    std::set<std::string> documented;
    for (const Json& p : op->value("parameters", Json::array())) {
      const Json& resolved = Resolve(p);
      if (resolved["in"] == "path") {
        EXPECT_TRUE(resolved.value("required", false)) << r.path;
        documented.insert(resolved["name"].get<std::string>());
      }
    }
    std::set<std::string> in_template;
    for (std::sregex_iterator it(r.path.begin(), r.path.end(), param), end; it != end; ++it) {
      in_template.insert((*it)[1].str());
    }
    EXPECT_EQ(documented, in_template) << r.method << " " << r.path;
  }
}

TEST_F(OpenApiTest, BodiesMatchTheRouteKind) {
  for (const RouteInfo& r : routes_) {
    const Json* op = Operation(r);
    if (op == nullptr) continue;
    const std::string name = r.method + " " + r.path;
    switch (r.body) {
      case BodyKind::kNone:
        EXPECT_FALSE(op->contains("requestBody")) << name;
        break;
      case BodyKind::kJson: {
        ASSERT_TRUE(op->contains("requestBody")) << name;
        const Json& body = Resolve((*op)["requestBody"]);
        EXPECT_TRUE(body["content"].contains("application/json")) << name;
        EXPECT_TRUE((*op)["responses"].contains("400")) << name << " must document 400";
        EXPECT_TRUE((*op)["responses"].contains("415")) << name << " must document 415";
        break;
      }
      case BodyKind::kRaw: {
        ASSERT_TRUE(op->contains("requestBody")) << name;
        const Json& body = Resolve((*op)["requestBody"]);
        EXPECT_FALSE(body["content"].contains("application/json")) << name;
        EXPECT_TRUE((*op)["responses"].contains("413")) << name << " must document 413";
        break;
      }
    }
  }
}

TEST_F(OpenApiTest, SecurityMatchesTheRouteAccess) {
  ASSERT_TRUE(doc_.contains("security")) << "the default must be authenticated";
  EXPECT_FALSE(doc_["security"].empty());
  for (const RouteInfo& r : routes_) {
    const Json* op = Operation(r);
    if (op == nullptr) continue;
    const std::string name = r.method + " " + r.path;
    switch (r.access) {
      case Access::kPublic:
        ASSERT_TRUE(op->contains("security")) << name << " is public: it needs security: []";
        EXPECT_TRUE((*op)["security"].empty()) << name;
        break;
      case Access::kUser:
        EXPECT_TRUE(!op->contains("security") || !(*op)["security"].empty()) << name;
        EXPECT_TRUE((*op)["responses"].contains("401")) << name << " must document 401";
        break;
    }
  }
}

TEST_F(OpenApiTest, OperationsHaveIdsAndSuccessResponses) {
  std::set<std::string> ids;
  for (const RouteInfo& r : routes_) {
    const Json* op = Operation(r);
    if (op == nullptr) continue;
    const std::string name = r.method + " " + r.path;
    ASSERT_TRUE(op->contains("operationId")) << name;
    EXPECT_TRUE(ids.insert((*op)["operationId"].get<std::string>()).second)
        << "duplicate operationId at " << name;
    bool success = false;
    for (const auto& [status, response] : (*op)["responses"].items()) {
      // 101: the WebSocket upgrade of /api/v1/ws.
      success = success || status[0] == '2' || status == "101";
    }
    EXPECT_TRUE(success) << name << " documents no 2xx response";
  }
}

TEST_F(OpenApiTest, EveryReferenceResolves) {
  std::vector<std::string> broken;
  std::function<void(const Json&)> walk = [&](const Json& j) {
    if (j.is_object()) {
      if (auto it = j.find("$ref"); it != j.end() && it->is_string()) {
        const std::string ref = it->get<std::string>();
        if (ref.rfind("#/", 0) != 0 || !doc_.contains(Json::json_pointer(ref.substr(1)))) {
          broken.push_back(ref);
        }
      }
      for (const auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const Json& v : j) walk(v);
    }
  };
  walk(doc_);
  EXPECT_TRUE(broken.empty()) << "unresolved: " << (broken.empty() ? "" : broken.front());
}

}  // namespace
}  // namespace tawasul::http
