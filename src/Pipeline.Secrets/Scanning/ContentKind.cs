namespace Pipeline.Secrets.Scanning;

/// <summary>What a file's first bytes say it is.</summary>
internal enum ContentKind { Text, KnownBinary, Zip, GZip, Tar, UnsupportedArchive }
