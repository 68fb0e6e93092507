namespace Pipeline.Secrets.Inventory;

/// <summary>One secret in docs/operations/secrets-inventory.yaml: what it is, who owns it, where it lives, when it rotates.</summary>
internal sealed class SecretInventoryEntry
{
    /// <summary>The variable name in CI, the vault and .env files (e.g. OPENAI_API_KEY).</summary>
    public string Name { get; set; } = "";

    /// <summary>The build's [Secret] parameter that carries it, when there is one (e.g. OpenAIApiKey).</summary>
    public string? Parameter { get; set; }
    public string Purpose { get; set; } = "";
    public string Owner { get; set; } = "";

    /// <summary>ci-secret, vault or local-env.</summary>
    public string StoredIn { get; set; } = "";

    /// <summary>Where exactly: the CI secret name, the vault path, the .env file.</summary>
    public string Location { get; set; } = "";
    public List<string> Environments { get; set; } = [];
    public int RotationDays { get; set; }

    /// <summary>yyyy-MM-dd.</summary>
    public string? LastRotated { get; set; }
    public string Escalation { get; set; } = "";
}
