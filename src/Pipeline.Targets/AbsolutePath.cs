namespace Pipeline.Targets;

/// <summary>An absolute, normalised file-system path with NUKE's <c>/</c> operator.</summary>
public sealed record AbsolutePath
{
    public AbsolutePath(string path)
    {
        if (!Path.IsPathRooted(path)) throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        Value = Path.GetFullPath(path);
    }

    internal string Value { get; }
    public string Name => Path.GetFileName(Value);
    public AbsolutePath? Parent => Path.GetDirectoryName(Value) is { } parent ? new AbsolutePath(parent) : null;
    public bool Exists => File.Exists(Value) || Directory.Exists(Value);

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left.Value, right));
    // A parameter left unset is a null AbsolutePath; it converts to a null string like NUKE's does.
    public static implicit operator string(AbsolutePath? path) => path?.Value!;

    public override string ToString() => Value;
}
