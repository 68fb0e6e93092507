namespace Pipeline.Targets;

/// <summary>Marks a field or property as a build parameter (<c>--kebab-name</c> on the command line).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;
}

/// <summary>The parameter's value is registered with the redactor before any target runs and never shown.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>The build refuses to start without a value for this parameter.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
