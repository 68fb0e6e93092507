using System.IO.Compression;
using System.Text;
using Pipeline.Evidence.Archive;

namespace Pipeline.Evidence.Tests.Archive;

public class DeterministicZipTests
{
    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var output = new MemoryStream();
        DeterministicZip.Write(output, entries.Select(e => ArchiveEntrySource.FromBytes(e.Name, Encoding.UTF8.GetBytes(e.Text))));
        return output.ToArray();
    }

    [Fact]
    public void Same_entries_in_any_order_give_the_same_bytes()
    {
        var one = Zip(("b/2.txt", "two"), ("a.txt", "one"), ("manifest.json", "{}"));
        var two = Zip(("manifest.json", "{}"), ("a.txt", "one"), ("b/2.txt", "two"));
        Assert.Equal(one, two);
        using var zip = new ZipArchive(new MemoryStream(one));
        Assert.Equal(["a.txt", "b/2.txt", "manifest.json"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void Different_content_gives_different_bytes() =>
        Assert.NotEqual(Zip(("a.txt", "one")), Zip(("a.txt", "One")));

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("reports\\x.log")]
    public void Refuses_to_write_unsafe_names(string name) =>
        Assert.Throws<ArgumentException>(() => Zip((name, "x")));

    [Fact]
    public void Refuses_duplicate_names() =>
        Assert.Contains("a.txt", Assert.Throws<ArgumentException>(() => Zip(("a.txt", "1"), ("a.txt", "2"))).Message);
}
