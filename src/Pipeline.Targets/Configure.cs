namespace Pipeline.Targets;

/// <summary>NUKE's configurator delegate (<c>Nuke.Common.Tooling.Configure&lt;T&gt;</c>): takes a value, returns it changed.</summary>
public delegate T Configure<T>(T value);
