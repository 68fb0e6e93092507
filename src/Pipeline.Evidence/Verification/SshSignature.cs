using Pipeline.Core.Tools;

namespace Pipeline.Evidence.Verification;

/// <summary>
/// Checks an OpenSSH signature (<c>ssh-keygen -Y sign</c>) over the statement with <c>ssh-keygen -Y verify</c>:
/// the signer must be listed for the identity and namespace in the allowed-signers file.
/// </summary>
internal static class SshSignature
{
    /// <summary>The namespace evidence statements are signed under (<c>ssh-keygen -Y sign -n pipeline-evidence</c>).</summary>
    public const string Namespace = "pipeline-evidence";

    public const string InstallHint = "Install OpenSSH (ssh-keygen 8.2 or later), e.g. apt-get install openssh-client.";

    /// <summary>Null when the signature is good, else why not (one line).</summary>
    public static async Task<string?> ProblemAsync(ToolRunner tools, string statementPath, string signaturePath, string allowedSignersPath,
        string identity, CancellationToken cancellationToken = default)
    {
        var sshKeygen = ToolLocator.Find("ssh-keygen");
        if (sshKeygen is null) return $"ssh-keygen was not found on PATH, so the signature could not be checked. {InstallHint}";
        var command = new ToolCommand(sshKeygen, ["-Y", "verify", "-f", allowedSignersPath, "-I", identity, "-n", Namespace, "-s", signaturePath])
        {
            StandardInputFile = statementPath,
            Timeout = TimeSpan.FromSeconds(30),
            SuccessExitCodes = Enumerable.Range(0, 256).ToHashSet(),   // the exit code is the verdict, read below
        };
        var result = await tools.RunAsync(command, cancellationToken);
        if (result.ExitCode == 0) return null;
        var said = string.Join(" ", (result.StandardError + "\n" + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"ssh-keygen -Y verify rejected {Path.GetFileName(signaturePath)} for identity '{identity}' in namespace {Namespace} ({said}).";
    }
}
