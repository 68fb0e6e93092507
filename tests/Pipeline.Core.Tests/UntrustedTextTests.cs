using Pipeline.Core.Text;

namespace Pipeline.Core.Tests;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("sync-jobs", "sync-jobs")]
    [InlineData("x|y", @"x\|y")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")]
    [InlineData("[click](http://evil.example)", @"\[click\]\(http://evil.example\)")]
    [InlineData("`code` *bold* _em_ a&b", @"\`code\` \*bold\* \_em\_ a&amp;b")]
    [InlineData("two\nlines\r\tend", "two lines  end")]
    [InlineData("abc\u202Edef\u200B", "abcU+202EdefU+200B")]
    public void Markdown_keeps_text_readable_but_inert(string input, string expected) =>
        Assert.Equal(expected, UntrustedText.Markdown(input));

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("x|y <b>", "x|y <b>")]
    [InlineData("evil\u202Eexe.txt\n", "evilU+202Eexe.txt ")]
    public void Printable_only_makes_invisible_characters_visible(string input, string expected) =>
        Assert.Equal(expected, UntrustedText.Printable(input));

    [Theory]
    [InlineData("reports/p95_k6_20261128.json", "reports/p95_k6_20261128.json")]
    [InlineData("a`b|c <b>\u202E", @"a'b\|c <b>U+202E")]
    public void Code_keeps_names_as_written_but_cannot_end_its_span_or_cell(string input, string expected) =>
        Assert.Equal(expected, UntrustedText.Code(input));
}
