namespace Pipeline.Targets;

/// <summary>Marks a field or property as a build parameter (<c>--kebab-name</c> on the command line).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;

    /// <summary>Smallest value a number parameter accepts (inclusive); the engine refuses anything below.</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;

    /// <summary>Largest value a number parameter accepts (inclusive); the engine refuses anything above.</summary>
    public double Maximum { get; set; } = double.PositiveInfinity;
}

/// <summary>The parameter's value is registered with the redactor before any target runs and never shown.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>The build refuses to start without a value for this parameter.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
