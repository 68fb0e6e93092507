namespace Pipeline.Evidence.Attestation;

/// <summary>An in-toto ResourceDescriptor restricted to what a subject needs: a name and its digests.</summary>
internal sealed record InTotoSubject(string Name, IReadOnlyDictionary<string, string> Digest);
