//===- TileChoiceTest.cpp - A tile choice as text -------------------------===//

#include "aieconv/Target/ConvSchedule.h"

#include <gtest/gtest.h>

using namespace aieconv::target;

namespace {

TEST(TileChoiceText, RoundTripsEveryField) {
  TileChoice c;
  c.th = 2, c.tw = 8, c.toc = 16, c.icb = 32, c.accBuffers = 2;
  c.weightsResident = true, c.l2IcBlock = 64, c.columns = 3, c.rows = 4;
  c.coreSplit = CoreSplit::ShareWeights;
  c.columnSplit = ColumnSplit::Channels;
  c.inputKept = true;
  std::string text = formatTileChoice(c);
  EXPECT_EQ(text, "th=2,tw=8,toc=16,icb=32,acc=2,resident=1,l2icb=64,"
                  "columns=3,rows=4,cores=share-weights,split=channels,"
                  "keepin=1");
  std::string why;
  std::optional<TileChoice> back = parseTileChoice(text, why);
  ASSERT_TRUE(back) << why;
  EXPECT_EQ(formatTileChoice(*back), text);
}

TEST(TileChoiceText, NamesALastStepSplitOnly) {
  std::string why;
  std::optional<TileChoice> c =
      parseTileChoice("th=1,tw=52,toc=64,icb=64,last=4", why);
  ASSERT_TRUE(c) << why;
  EXPECT_EQ(c->lastStepParts, 4);
  std::string text = formatTileChoice(*c);
  EXPECT_EQ(text.substr(text.size() - 7), ",last=4");
  c->lastStepParts = 1;
  EXPECT_EQ(formatTileChoice(*c).find("last"), std::string::npos);
  EXPECT_FALSE(parseTileChoice("th=1,tw=52,toc=64,icb=64,last=0", why));
  EXPECT_EQ(why, "'last' is at least 1");
}

TEST(TileChoiceText, NamesAnotherFormOnly) {
  std::string why;
  std::optional<TileChoice> c =
      parseTileChoice("th=1,tw=52,toc=64,icb=64,form=one-row", why);
  ASSERT_TRUE(c) << why;
  EXPECT_EQ(c->form, ConvForm::OneRow);
  std::string text = formatTileChoice(*c);
  EXPECT_EQ(text.substr(text.size() - 13), ",form=one-row");
  EXPECT_EQ(parseTileChoice(text, why)->form, ConvForm::OneRow);
  for (ConvForm form : {ConvForm::FoldedColumns, ConvForm::FoldedWindow,
                        ConvForm::FoldedWindowOneRow}) {
    c->form = form;
    EXPECT_EQ(parseTileChoice(formatTileChoice(*c), why)->form, form);
  }
  c->form = ConvForm::AsGiven;
  EXPECT_EQ(formatTileChoice(*c).find("form"), std::string::npos);
  EXPECT_EQ(parseTileChoice("th=1,tw=4,toc=4,icb=8,form=as-given", why)->form,
            ConvForm::AsGiven);
  EXPECT_FALSE(parseTileChoice("th=1,tw=4,toc=4,icb=8,form=wide", why));
  EXPECT_EQ(why,
            "'form' is as-given, one-row, folded-columns, folded-window or "
            "folded-window-one-row, not 'wide'");
}

TEST(TileChoiceText, KnowsTheCascade) {
  std::string why;
  std::optional<TileChoice> c =
      parseTileChoice("th=1,tw=28,toc=64,icb=128,cores=cascade", why);
  ASSERT_TRUE(c) << why;
  EXPECT_EQ(c->coreSplit, CoreSplit::Cascade);
  EXPECT_NE(formatTileChoice(*c).find(",cores=cascade,"), std::string::npos);
}

TEST(TileChoiceText, FillsDefaultsInAnyOrder) {
  std::string why;
  std::optional<TileChoice> c = parseTileChoice("icb=8,toc=4,tw=4,th=1", why);
  ASSERT_TRUE(c) << why;
  EXPECT_EQ(c->th, 1);
  EXPECT_EQ(c->tw, 4);
  EXPECT_EQ(c->toc, 4);
  EXPECT_EQ(c->icb, 8);
  EXPECT_EQ(c->accBuffers, 1);
  EXPECT_FALSE(c->weightsResident);
  EXPECT_FALSE(c->inputKept);
  EXPECT_EQ(c->l2IcBlock, 0);
  // Left for the caller, which knows the device.
  EXPECT_EQ(c->columns, 0);
  EXPECT_EQ(c->rows, 0);
  EXPECT_EQ(c->coreSplit, CoreSplit::ShareInput);
  EXPECT_EQ(c->columnSplit, ColumnSplit::Rows);
}

TEST(TileChoiceText, SaysWhatIsWrong) {
  struct Case {
    const char *text, *why;
  };
  for (Case bad : {
           Case{"th=1,tw=4,toc=4", "'icb' is required"},
           Case{"th=1,tw=4,toc=4,icb=8,th=2", "'th' given twice"},
           Case{"th=1,tw=4,toc=4,icb", "'icb' is not key=value"},
           Case{"th=1,tw=x4,toc=4,icb=8", "'tw' needs a count, not 'x4'"},
           Case{"th=-1,tw=4,toc=4,icb=8", "'th' needs a count, not '-1'"},
           Case{"th=1,tw=4,toc=4,icb=8,acc=3",
                "'resident' and 'keepin' are 0 or 1, 'acc' 1 or 2"},
           Case{"th=1,tw=4,toc=4,icb=8,keepin=2",
                "'resident' and 'keepin' are 0 or 1, 'acc' 1 or 2"},
           Case{"th=1,tw=4,toc=4,icb=8,split=diagonal",
                "'split' is rows or channels, not 'diagonal'"},
           Case{"th=1,tw=4,toc=4,icb=8,depth=2", "unknown key 'depth'"},
       }) {
    std::string why;
    EXPECT_FALSE(parseTileChoice(bad.text, why)) << bad.text;
    EXPECT_EQ(why.rfind(bad.why, 0), 0u) << bad.text << ": " << why;
  }
}

} // namespace
