//===- TileChoice.cpp - A tile choice as text -----------------------------===//

#include "aieconv/Target/ConvSchedule.h"

#include <charconv>
#include <map>

namespace aieconv::target {

std::string formatTileChoice(const TileChoice &c) {
  auto kv = [](std::string_view key, const auto &value) {
    std::string text(key);
    text += "=";
    if constexpr (std::is_integral_v<std::decay_t<decltype(value)>>)
      text += std::to_string(value);
    else
      text += value;
    return text;
  };
  return kv("th", c.th) + "," + kv("tw", c.tw) + "," + kv("toc", c.toc) +
         "," + kv("icb", c.icb) + "," + kv("acc", c.accBuffers) + "," +
         kv("resident", int64_t(c.weightsResident)) + "," +
         kv("l2icb", c.l2IcBlock) + "," + kv("columns", c.columns) + "," +
         kv("rows", c.rows) + "," +
         kv("cores", std::string(toString(c.coreSplit))) + "," +
         kv("split", std::string(toString(c.columnSplit))) +
         (c.inputKept ? "," + kv("keepin", int64_t(1)) : "") +
         (c.lastStepParts != 1 ? "," + kv("last", c.lastStepParts) : "") +
         (c.form != ConvForm::AsGiven
              ? "," + kv("form", std::string(toString(c.form)))
              : "");
}

namespace {

std::optional<int64_t> parseCount(std::string_view text) {
  int64_t value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

using Entries = std::map<std::string, std::string, std::less<>>;

/// Sets `field` to the one of `values` whose name entry `key` gives, and
/// consumes the entry; keeps `field` when there is no entry.
template <typename Enum>
bool takeChoice(Entries &entries, const char *key,
                std::initializer_list<Enum> values, Enum &field,
                std::string &why) {
  auto it = entries.find(key);
  if (it == entries.end())
    return true;
  std::string names;
  size_t index = 0;
  for (Enum value : values) {
    if (it->second == toString(value)) {
      field = value;
      entries.erase(it);
      return true;
    }
    // "a", "a or b", "a, b or c".
    names += (index == 0                   ? ""
              : index + 1 == values.size() ? " or "
                                           : ", ") +
             std::string(toString(value));
    ++index;
  }
  why = std::string("'") + key + "' is " + names + ", not '" + it->second +
        "'";
  return false;
}

} // namespace

std::optional<TileChoice> parseTileChoice(std::string_view text,
                                          std::string &why) {
  Entries entries;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
    size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      why = "'" + std::string(item) + "' is not key=value";
      return std::nullopt;
    }
    std::string key(item.substr(0, equals));
    if (!entries.emplace(key, std::string(item.substr(equals + 1))).second) {
      why = "'" + key + "' given twice";
      return std::nullopt;
    }
  }
  TileChoice choice;
  choice.columns = choice.rows = 0;
  struct Count {
    const char *key;
    int64_t *field;
    bool required;
  };
  int64_t resident = 0, keepin = 0;
  for (Count count : {Count{"th", &choice.th, true},
                      Count{"tw", &choice.tw, true},
                      Count{"toc", &choice.toc, true},
                      Count{"icb", &choice.icb, true},
                      Count{"acc", &choice.accBuffers, false},
                      Count{"resident", &resident, false},
                      Count{"keepin", &keepin, false},
                      Count{"l2icb", &choice.l2IcBlock, false},
                      Count{"columns", &choice.columns, false},
                      Count{"rows", &choice.rows, false},
                      Count{"last", &choice.lastStepParts, false}}) {
    auto it = entries.find(count.key);
    if (it == entries.end()) {
      if (count.required) {
        why = std::string("'") + count.key + "' is required";
        return std::nullopt;
      }
      continue;
    }
    std::optional<int64_t> value = parseCount(it->second);
    if (!value) {
      why = std::string("'") + count.key + "' needs a count, not '" +
            it->second + "'";
      return std::nullopt;
    }
    *count.field = *value;
    entries.erase(it);
  }
  if (resident > 1 || keepin > 1 ||
      (choice.accBuffers != 1 && choice.accBuffers != 2)) {
    why = "'resident' and 'keepin' are 0 or 1, 'acc' 1 or 2";
    return std::nullopt;
  }
  if (choice.lastStepParts < 1) {
    why = "'last' is at least 1";
    return std::nullopt;
  }
  choice.weightsResident = resident == 1;
  choice.inputKept = keepin == 1;
  if (!takeChoice(entries, "cores",
                  {CoreSplit::ShareInput, CoreSplit::ShareWeights,
                   CoreSplit::Cascade},
                  choice.coreSplit, why) ||
      !takeChoice(entries, "split", {ColumnSplit::Rows, ColumnSplit::Channels},
                  choice.columnSplit, why) ||
      !takeChoice(entries, "form",
                  {ConvForm::AsGiven, ConvForm::OneRow,
                   ConvForm::FoldedColumns, ConvForm::FoldedWindow,
                   ConvForm::FoldedWindowOneRow},
                  choice.form, why))
    return std::nullopt;
  if (!entries.empty()) {
    why = "unknown key '" + entries.begin()->first +
          "' (known: th, tw, toc, icb, acc, resident, keepin, l2icb, columns, "
          "rows, cores, split, last, form)";
    return std::nullopt;
  }
  return choice;
}

} // namespace aieconv::target
