using Pipeline.Targets.CI;

namespace Pipeline.Targets.Tests.CI;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class YamlTextTests
{
    [Theory]
    [InlineData("plain words")]
    [InlineData("yes")]
    [InlineData("On")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("0x1F")]
    [InlineData("key: value")]
    [InlineData("#not a comment")]
    [InlineData("a #tail")]
    [InlineData("- item")]
    [InlineData("*alias")]
    [InlineData("'quoted'")]
    [InlineData("it's")]
    [InlineData("[flow]")]
    [InlineData("{flow}")]
    [InlineData("")]
    [InlineData("ends with colon:")]
    [InlineData("${{ fromJSON('{\"1\":[1],\"2\":[1,2]}')[inputs.shards || '1'] }}")]
    [InlineData("15 2 * * *")]
    [InlineData("@at")]
    [InlineData("%percent")]
    public void A_string_reads_back_as_the_same_string(string value)
    {
        var text = YamlText.Write(new YamlMap { { "key", value } });

        Assert.Equal(value, Yaml.Parse(text)["key"] as string ?? "");
    }

    [Fact]
    public void Numbers_booleans_multi_line_text_nested_maps_and_lists_are_written_in_block_style()
    {
        var text = YamlText.Write(new YamlMap
        {
            { "count", 3 }, { "flag", false }, { "script", "one\ntwo\n" }, { "skipped", null },
            { "list", new object[] { "a", new YamlMap { { "x", "1" }, { "y", 2 } } } }, { "empty", new YamlMap() }, { "none", Array.Empty<string>() },
        });

        Assert.Equal("count: 3\nflag: false\nscript: |\n  one\n  two\nlist:\n  - a\n  - x: '1'\n    y: 2\nempty: {}\nnone: []\n", text);
    }
}
