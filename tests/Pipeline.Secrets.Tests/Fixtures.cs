namespace Pipeline.Secrets.Tests;

/// <summary>Paths of the shared fixtures copied next to the test assembly, and scratch folders.</summary>
internal static class Fixtures
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    public static string Corpus => Path("detect-secrets", "corpus");

    /// <summary>A fresh empty folder under the temp directory.</summary>
    public static string TempFolder()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipeline-secrets-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
