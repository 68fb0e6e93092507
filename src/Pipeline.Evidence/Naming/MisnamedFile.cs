using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>A file that looks like a deliverable but does not follow its pattern, with the name it should have.</summary>
internal sealed record MisnamedFile(string RelativePath, Deliverable Deliverable, string ExpectedPath)
{
    public override string ToString() => $"{RelativePath} should be named {ExpectedPath} ({Deliverable.Template})";
}
