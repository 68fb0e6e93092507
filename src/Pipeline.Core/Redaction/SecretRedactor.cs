using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Redaction;

/// <summary>
/// Masks every registered secret value in text. One process-wide instance (<see cref="Global"/>) sits
/// behind the console, the log files and every evidence file written through Core, so a secret that is
/// registered once is masked everywhere.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>Values shorter than this are too common to mask safely (they would shred ordinary text).</summary>
    public const int MinimumLength = 6;

    public static SecretRedactor Global { get; } = new();

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _masks = new(StringComparer.Ordinal);
    // Snapshot for Redact, longest first so a secret that contains another is masked whole. Rebuilt lazily:
    // a scanner may register thousands of findings in a row, and sorting on each Register would be quadratic.
    private (string Value, string Mask)[]? _ordered = [];

    public int Count
    {
        get { lock (_gate) return _masks.Count; }
    }

    /// <summary>Registers a value to mask; returns false when it is empty or too short to mask.</summary>
    public bool Register(string? value) => Register(value, null);

    /// <summary>Registers a value to mask with a mask of the caller's (e.g. <c>://user:***@</c> for a URL's credential).</summary>
    public bool Register(string? value, string? mask)
    {
        if (string.IsNullOrEmpty(value)) return false;
        value = value.Trim();
        if (value.Length < MinimumLength) return false;
        lock (_gate)
        {
            if (_masks.TryAdd(value, mask ?? Mask(value))) _ordered = null;
        }
        return true;
    }

    /// <summary>Returns <paramref name="text"/> with every registered value replaced by its mask.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        var ordered = Volatile.Read(ref _ordered) ?? Snapshot();
        foreach (var (value, mask) in ordered)
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, mask, StringComparison.Ordinal);
        return text;
    }

    private (string, string)[] Snapshot()
    {
        lock (_gate)
        {
            return _ordered ??= _masks.OrderByDescending(m => m.Key.Length).ThenBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => (m.Key, m.Value)).ToArray();
        }
    }

    /// <summary>
    /// The mask of a value: a short prefix (only for long values, so the kind of key stays recognisable)
    /// and the first 8 hex digits of its SHA-256, never the value itself.
    /// </summary>
    public static string Mask(string value)
    {
        var prefixLength = value.Length >= 20 ? 4 : value.Length >= 12 ? 2 : 0;
        return $"{value[..prefixLength]}***[redacted:{ShortHash(value)}]";
    }

    public static string ShortHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}
