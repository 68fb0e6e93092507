namespace Pipeline.Secrets.Tests;

/// <summary>Small bash executables standing in for trufflehog and detect-secrets, created per test.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class FakeTool
{
    /// <summary>Writes an executable script named <paramref name="name"/>; <paramref name="body"/> runs for every call but --version.</summary>
    public static string Create(string folder, string name, string version, string body)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\nif [ \"$1\" = \"--version\" ]; then echo \"{version}\"; exit 0; fi\necho \"$@\" > \"{path}.args\"\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public static string Trufflehog(string folder, string? body = null) => Create(folder, "trufflehog", "trufflehog 3.90.0",
        body ?? $"cat '{Fixtures.Path("trufflehog", "stderr-json.log")}' >&2\ncat '{Fixtures.Path("trufflehog", "filesystem-scan.jsonl")}'\nexit 183");

    public static string DetectSecrets(string folder, string? body = null) => Create(folder, "detect-secrets", "1.5.0",
        body ?? $"cat '{Fixtures.Path("detect-secrets", "baseline-v1.5.0-real.json")}'");

    public static string Arguments(string tool) => File.ReadAllText(tool + ".args").Trim();
}
