using System.Globalization;
using Pipeline.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Pipeline.Secrets.Inventory;

/// <summary>The secrets inventory (YAML, snake_case keys): the secrets, and paths the template check leaves out.</summary>
internal sealed class SecretInventory
{
    public static readonly IReadOnlySet<string> StorageKinds = new HashSet<string>(StringComparer.Ordinal) { "ci-secret", "vault", "local-env" };

    public List<SecretInventoryEntry> Secrets { get; set; } = [];

    /// <summary>Path prefixes (relative, forward slashes) whose templates are test data, not templates (e.g. tests/fixtures/).</summary>
    public List<string> IgnorePaths { get; set; } = [];

    /// <exception cref="UserInputException">The file is missing or not a valid inventory; the message says where and how to fix it.</exception>
    public static SecretInventory Load(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"The secrets inventory '{path}' does not exist. Create it (see docs/operations/secrets-rotation.md for the fields) or give another one.")
                { Input = nameof(SecretsAuditSettings.Inventory) };
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            return deserializer.Deserialize<SecretInventory?>(File.ReadAllText(path)) ?? new SecretInventory();
        }
        catch (YamlException exception)
        {
            throw new UserInputException(
                $"The secrets inventory '{path}' is not valid (line {exception.Start.Line}, column {exception.Start.Column}: {exception.InnerException?.Message ?? exception.Message}). " +
                "Keys are snake_case: name, parameter, purpose, owner, stored_in, location, environments, rotation_days, last_rotated, escalation.", exception);
        }
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
