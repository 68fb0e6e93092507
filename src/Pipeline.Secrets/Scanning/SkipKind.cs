namespace Pipeline.Secrets.Scanning;

/// <summary>Why something was not scanned, as the gate sees it.</summary>
public enum SkipKind
{
    /// <summary>Could not be read (permission, broken link, symlink loop, archive over a bound): a gap in the scan.</summary>
    Unscanned,

    /// <summary>A known binary format (image, font, executable), recognised by its magic bytes.</summary>
    KnownBinary,

    /// <summary>Left out on purpose: excluded folders, links out of the scan root, submodules.</summary>
    Excluded,
}
