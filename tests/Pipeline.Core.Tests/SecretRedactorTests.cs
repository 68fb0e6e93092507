using Pipeline.Core.Redaction;

namespace Pipeline.Core.Tests;

public class SecretRedactorTests
{
    [Fact]
    public void Registered_values_are_masked_with_a_short_prefix_and_a_hash()
    {
        var redactor = new SecretRedactor();
        Assert.True(redactor.Register("sk-proj-abcdefghijklmnop0123456789"));
        var text = redactor.Redact("key=sk-proj-abcdefghijklmnop0123456789; again sk-proj-abcdefghijklmnop0123456789");
        Assert.DoesNotContain("abcdefghijklmnop", text);
        Assert.Equal($"key={SecretRedactor.Mask("sk-proj-abcdefghijklmnop0123456789")}; again {SecretRedactor.Mask("sk-proj-abcdefghijklmnop0123456789")}", text);
        Assert.StartsWith("sk-p***[redacted:", SecretRedactor.Mask("sk-proj-abcdefghijklmnop0123456789"));
    }

    [Fact]
    public void Values_too_short_to_mask_safely_are_refused()
    {
        var redactor = new SecretRedactor();
        Assert.False(redactor.Register("abc"));
        Assert.False(redactor.Register(""));
        Assert.False(redactor.Register(null));
        Assert.Equal(0, redactor.Count);
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        var redactor = new SecretRedactor();
        redactor.Register("password123");
        redactor.Register("postgres://u:password123@host");
        var text = redactor.Redact("url postgres://u:password123@host and password123");
        Assert.DoesNotContain("password123", text);
        Assert.DoesNotContain("host", text.Split(" and ")[0]);
    }

    [Fact]
    public void The_redacting_writer_catches_a_secret_written_in_pieces()
    {
        var redactor = new SecretRedactor();
        redactor.Register("ghp_0123456789abcdefghijABCDEFGHIJ012345");
        var inner = new StringWriter();
        var writer = new RedactingTextWriter(inner, redactor);
        writer.Write("token: ghp_0123456789");
        writer.Write("abcdefghijABCDEFGHIJ");
        writer.Write('0');
        writer.WriteLine("12345 end");
        writer.Write("tail without newline ghp_0123456789abcdefghijABCDEFGHIJ012345");
        writer.Flush();
        Assert.DoesNotContain("ghp_0123456789abcdefghijABCDEFGHIJ012345", inner.ToString());
        Assert.Contains("tail without newline", inner.ToString());
        Assert.Equal(2, inner.ToString().Split("[redacted:").Length - 1);
    }
}
