namespace AmazonFulfillment.Tests.Support;

/// <summary>Finds files of the repository from the test assembly.</summary>
public static class RepositoryPaths
{
    /// <summary>Gets the folder holding AmazonFulfillment.sln, found by walking up from the test assembly directory.</summary>
    /// <returns>The repository root.</returns>
    /// <exception cref="InvalidOperationException">No parent folder holds the solution.</exception>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AmazonFulfillment.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds AmazonFulfillment.sln.");
    }
}
