namespace Pipeline.Core.Processes;

/// <summary>
/// Deletes a folder tree that others may be deleting at the same time (an interrupted run's clean-up and
/// its owner's own disposal race each other): a file or folder that vanished meanwhile is not an error.
/// </summary>
public static class FolderDeletion
{
    /// <summary>True when the folder is gone afterwards; otherwise <paramref name="error"/> says why.</summary>
    public static bool TryDelete(string folder, out string? error)
    {
        error = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return true;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
                // Part of the tree went while we walked it: walk what is left.
            }
            catch (IOException exception) when (attempt < 5 && exception is not PathTooLongException)
            {
                // "Directory not empty": something was still writing into it a moment ago.
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error = exception.Message;
                return !Directory.Exists(folder);
            }
        }
    }
}
