namespace AmazonFulfillment.PostgreSql.Tests.Support;

/// <summary>A fact that needs a PostgreSQL server: skipped, saying how to run it, when <c>AMAZONFULFILLMENT_POSTGRES</c> is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgreSqlDatabase.ConnectionString))
        {
            Skip = $"Needs PostgreSQL: set {PostgreSqlDatabase.Variable} to an Npgsql connection string of a database the user may create tables in "
                + "(such as \"Host=127.0.0.1;Database=amazonfulfillment_tests;Username=amazonfulfillment;Password=...\"); .ci/run sets one up.";
        }
    }
}
