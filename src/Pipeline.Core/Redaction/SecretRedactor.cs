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
    // Longest first, so a secret that contains another one is masked whole.
    private string[] _values = [];
    private Dictionary<string, string> _masks = new(StringComparer.Ordinal);

    public int Count => _values.Length;

    /// <summary>Registers a value to mask; returns false when it is empty or too short to mask.</summary>
    public bool Register(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        value = value.Trim();
        if (value.Length < MinimumLength) return false;
        lock (_gate)
        {
            if (_masks.ContainsKey(value)) return true;
            var masks = new Dictionary<string, string>(_masks, StringComparer.Ordinal) { [value] = Mask(value) };
            _values = masks.Keys.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal).ToArray();
            _masks = masks;
        }
        return true;
    }

    /// <summary>Returns <paramref name="text"/> with every registered value replaced by its mask.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        var values = _values;
        if (values.Length == 0) return text;
        var masks = _masks;
        StringBuilder? builder = null;
        foreach (var value in values)
        {
            var current = builder?.ToString() ?? text;
            if (!current.Contains(value, StringComparison.Ordinal)) continue;
            builder = new StringBuilder(current.Replace(value, masks[value], StringComparison.Ordinal));
        }
        return builder?.ToString() ?? text;
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
