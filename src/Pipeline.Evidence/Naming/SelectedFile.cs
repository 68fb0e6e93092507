using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>
/// The file chosen for a deliverable: the newest of the evidence date (<see cref="Candidates"/> says how
/// many runs that day wrote one). <see cref="RelativePath"/> uses forward slashes.
/// </summary>
internal sealed record SelectedFile(Deliverable Deliverable, string RelativePath, string FullPath, EvidenceStamp? Stamp, int Candidates);
