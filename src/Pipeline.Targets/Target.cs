namespace Pipeline.Targets;

/// <summary>A target is a property <c>Target X => _ => _ ...</c>; the property name is the target's name.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
