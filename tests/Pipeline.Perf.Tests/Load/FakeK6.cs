namespace Pipeline.Perf.Tests.Load;

/// <summary>
/// A fake <c>k6</c> executable (bash) that behaves like k6 v0.47 on the command line: it answers
/// <c>version</c>, and for <c>run</c> it replays the real fixture files into the <c>--out json=</c> and
/// <c>--summary-export=</c> paths, records its arguments and environment, then exits with the code asked for.
/// </summary>
internal sealed class FakeK6 : IDisposable
{
    public FakeK6(int exitCode = 0, string? body = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fake-k6-").FullName;
        Executable = Path.Combine(Directory, "k6");
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "k6");
        File.WriteAllText(Executable, body ?? $$"""
            #!/usr/bin/env bash
            if [ "$1" = "version" ]; then echo "k6 v0.47.0 (go1.21.1, linux/amd64)"; exit 0; fi
            printf '%s\n' "$@" > "{{Directory}}/args.txt"
            { echo "BASE_URL=$BASE_URL"; echo "TOKEN=$TOKEN"; echo "SCENARIO_FILE=$SCENARIO_FILE"; echo "REQUESTS=$REQUESTS"; echo "CONCURRENCY=$CONCURRENCY"; } > "{{Directory}}/env.txt"
            for a in "$@"; do
              case "$a" in
                json=*) cp "{{fixtures}}/k6-run-B.ndjson" "${a#json=}" ;;
                --summary-export=*) cp "{{fixtures}}/k6-run-B.summary.json" "${a#--summary-export=}" ;;
              esac
            done
            echo "running (00m04.8s), 00/10 VUs, 313 complete and 0 interrupted iterations" >&2
            exit {{exitCode}}
            """.Replace("\r", ""));
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Directory { get; }
    public string Executable { get; }
    public string[] Arguments => File.ReadAllLines(Path.Combine(Directory, "args.txt"));
    public string Environment => File.ReadAllText(Path.Combine(Directory, "env.txt"));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
