namespace Pipeline.Targets;

/// <summary>A parameter as resolved for this run: its name, whether it is <c>[Secret]</c>, its value as text with credentials masked.</summary>
public sealed record ResolvedParameter(string Name, bool IsSecret, string DisplayValue);
