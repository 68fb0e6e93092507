using Pipeline.Core.Naming;
using System.Reflection;

namespace Pipeline.Targets;

/// <summary>A <c>[Parameter]</c> member of the build class.</summary>
internal sealed class BuildParameter
{
    private readonly MemberInfo _member;

    internal BuildParameter(MemberInfo member, ParameterAttribute attribute)
    {
        _member = member;
        Description = attribute.Description;
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        IsRequired = member.GetCustomAttribute<RequiredAttribute>() is not null;
        Minimum = attribute.Minimum;
        Maximum = attribute.Maximum;
    }

    public string Name => _member.Name;
    public string CommandLineName => "--" + KebabCase.From(Name);
    public string Description { get; }
    public bool IsSecret { get; }
    public bool IsRequired { get; }
    public double Minimum { get; }
    public double Maximum { get; }
    public Type Type => _member is FieldInfo f ? f.FieldType : ((PropertyInfo)_member).PropertyType;

    public object? GetValue(object build) => _member is FieldInfo f ? f.GetValue(build) : ((PropertyInfo)_member).GetValue(build);

    internal void SetValue(object build, object? value)
    {
        if (_member is FieldInfo f) f.SetValue(build, value);
        else ((PropertyInfo)_member).SetValue(build, value);
    }

    internal static IReadOnlyList<BuildParameter> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var result = new List<BuildParameter>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            result.AddRange(type.GetFields(flags).Cast<MemberInfo>().Concat(type.GetProperties(flags))
                .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
                .Where(x => x.Attribute is not null)
                .OrderBy(x => x.Member.MetadataToken)
                .Select(x => new BuildParameter(x.Member, x.Attribute!)));
        return result;
    }
}
