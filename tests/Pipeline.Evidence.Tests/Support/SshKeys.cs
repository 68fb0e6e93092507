using Pipeline.Core.Tools;
using Pipeline.Evidence.Verification;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>A throwaway ed25519 key made by the real ssh-keygen, and an allowed-signers file listing it for one identity.</summary>
internal sealed class SshKeys : IDisposable
{
    private readonly string _folder;

    private SshKeys(string folder) => _folder = folder;

    public string PrivateKey => Path.Combine(_folder, "id_ed25519");

    public string AllowedSigners => Path.Combine(_folder, "allowed_signers");

    public static async Task<SshKeys> CreateAsync(ToolRunner tools, string identity)
    {
        var keys = new SshKeys(Directory.CreateTempSubdirectory("pipeline-ssh-").FullName);
        await tools.RunAsync(new ToolCommand(SshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", identity, "-f", keys.PrivateKey]));
        var publicKey = (await File.ReadAllTextAsync(keys.PrivateKey + ".pub")).Trim();
        await File.WriteAllTextAsync(keys.AllowedSigners, $"{identity} namespaces=\"{SshSignature.Namespace}\" {publicKey}\n");
        return keys;
    }

    /// <summary>Writes <c>&lt;file&gt;.sig</c> as a release engineer would.</summary>
    public Task SignAsync(ToolRunner tools, string file) =>
        tools.RunAsync(new ToolCommand(SshKeygen, ["-Y", "sign", "-f", PrivateKey, "-n", SshSignature.Namespace, file]));

    private static string SshKeygen => ToolLocator.Find("ssh-keygen") ?? throw new InvalidOperationException("These tests need ssh-keygen (OpenSSH) on PATH.");

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
