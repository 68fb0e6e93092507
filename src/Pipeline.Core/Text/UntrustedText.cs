using System.Globalization;
using System.Text;

namespace Pipeline.Core.Text;

/// <summary>
/// Text copied from an input (endpoint and tag names, file names, server messages) made safe for the place it
/// lands in, so an input can neither break a report's layout nor smuggle markup, links or reordered text into it.
/// </summary>
public static class UntrustedText
{
    /// <summary>
    /// For Markdown, inside or outside a table cell: Markdown punctuation is backslash-escaped (pipes stay inside
    /// their cell, no link, code span or emphasis is formed), HTML is written as entities, line breaks become
    /// spaces, and invisible control or bidirectional characters are shown as <c>U+202E</c>.
    /// </summary>
    public static string Markdown(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '|' or '~' or '!' or '#':
                    escaped.Append('\\').Append((char)rune.Value);
                    break;
                default: AppendPrintable(escaped, rune); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// For the inside of a Markdown code span (file and secret names shown as code), where backslash escapes would
    /// show as written: a backtick, which would end the span, becomes an apostrophe; a pipe is escaped, which GFM
    /// tables need even inside code; invisible characters are shown as <c>U+202E</c>. HTML inside code is shown as text.
    /// </summary>
    public static string Code(string? text) =>
        Printable(text).Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>
    /// For plain text (console lines, chart labels): line breaks become spaces and invisible control or
    /// bidirectional characters are shown as <c>U+202E</c>; everything else is kept.
    /// </summary>
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsCleaning(text)) return text;
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes()) AppendPrintable(cleaned, rune);
        return cleaned.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (IsInvisible(rune)) return true;
        return false;
    }

    private static void AppendPrintable(StringBuilder text, Rune rune)
    {
        if (rune.Value is '\r' or '\n' or '\t') text.Append(' ');
        else if (IsInvisible(rune)) text.Append("U+").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
        else text.Append(rune.ToString());
    }

    // Control characters (C0, DEL, C1) and format characters: bidirectional overrides and isolates (U+202A-U+202E,
    // U+2066-U+2069), marks (U+200E, U+200F, U+061C), zero-width characters and the like.
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
