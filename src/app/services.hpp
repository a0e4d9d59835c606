#pragma once
// Every use case the binary wires (cli/main.cpp) and the HTTP API serves, in one include. A
// feature's code includes its own module's header instead (app/<feature>/...); see
// docs/architecture.md for the module map.

#include "app/admin/admin_service.hpp"
#include "app/auth/auth_service.hpp"
#include "app/cases/case_service.hpp"
#include "app/crypto.hpp"
#include "app/public/public_service.hpp"
#include "app/settings.hpp"
#include "app/workflow/action_service.hpp"
