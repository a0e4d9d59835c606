#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace tawasul::domain {

/// Normalizes a phone number to E.164 with libphonenumber. Accepts local formats of
/// `default_region` (ISO 3166 alpha-2: "SA", "AE", "OM", "IR", ...), "+" and "00" international
/// forms, spaces/dashes/parentheses, and Arabic-Indic or Persian digits.
/// Invalid numbers give an Invalid error (field left empty for the caller to name).
base::Result<std::string> NormalizePhone(std::string_view input, std::string_view default_region);
/// Whether an E.164 number is a mobile one (an SMS can reach it), by libphonenumber's plan.
bool IsMobileNumber(std::string_view e164);

/// The national significant number of an E.164 phone (the digits after the country code:
/// "+989121234567" → "9121234567"); the digits as given when libphonenumber cannot parse it.
std::string NationalSignificantNumber(std::string_view e164);

/// Validates a national identity number for `country` and returns it as ASCII digits:
///  - IR: the 10-digit national code with its mod-11 check digit (all-same-digit codes rejected);
///  - SA: 10 digits starting 1 (citizen) or 2 (Iqama), Luhn;
///  - AE: Emirates ID, 15 digits starting 784, Luhn (dashes accepted);
///  - OM and others: 4 to 20 digits, no public checksum.
/// Native digits and separators are accepted.
base::Result<std::string> NormalizeNationalId(std::string_view input, std::string_view country);

/// A light syntactic check (one "@", a dot in the domain, no spaces, ≤ 254 bytes); lower-cases
/// the domain part.
base::Result<std::string> NormalizeEmail(std::string_view input);

/// A recipient shown without identifying anyone (lists of messages): a phone keeps its "+",
/// country code guess and last four digits ("+96•••••7777"), an address its first letter and
/// domain ("s•••@example.om"). Whoever needs the whole opens the request, where reading it is
/// logged.
std::string MaskedRecipient(std::string_view recipient);

/// Luhn check over ASCII digits.
bool LuhnValid(std::string_view digits);

}  // namespace tawasul::domain
