namespace Pipeline.Perf.Load;

/// <summary>The API under test: its base URL and the bearer token sent with every request (never logged).</summary>
public sealed record LoadTarget(Uri BaseUri, string? Token = null)
{
    public Uri UriFor(string path) => new(new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/"), path.TrimStart('/'));

    public override string ToString() => BaseUri.ToString();
}
