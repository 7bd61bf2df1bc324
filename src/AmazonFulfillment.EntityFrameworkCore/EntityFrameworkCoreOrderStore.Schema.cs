using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace AmazonFulfillment.EntityFrameworkCore;

public partial class EntityFrameworkCoreOrderStore<TContext>
{
    /// <summary>Runs once, before the first call: checks the model, and creates what is missing when asked to.</summary>
    /// <param name="context">A context.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    private protected virtual async Task PrepareAsync(TContext context, CancellationToken cancellationToken)
    {
        if (TableTypes.Any(t => context.Model.FindEntityType(t) is null))
        {
            throw ProblemCodes.Attach(ProblemCodes.StoreModelNotMapped, new InvalidOperationException(
                $"{typeof(TContext).Name} does not map the Amazon fulfillment tables: call modelBuilder.AddAmazonFulfillment() in its OnModelCreating."));
        }

        if (!Options.CreateTablesIfMissing)
        {
            return;
        }

        var creator = context.GetService<IRelationalDatabaseCreator>();
        await CreateDatabaseIfMissingAsync(creator, cancellationToken).ConfigureAwait(false);
        if (context.Database.ProviderName == SqliteProvider)
        {
            // Readers do not block the writer, and a commit is one append: the file's journal mode persists.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await CreateMissingTablesAsync(context, creator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the database when it does not exist (another process may create it at the same time).</summary>
    private static async Task CreateDatabaseIfMissingAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        if (await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process may have created it first; if not, this fails again below.
            if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>Creates the tables that do not exist: all of them at once, or only the missing ones (another process may create them at the same time).</summary>
    private async Task CreateMissingTablesAsync(TContext context, IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        var missing = await MissingTablesAsync(cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            if (missing.Count == TableTypes.Length)
            {
                await creator.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await CreateTablesAsync(context, missing, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process may have created them first.
            if ((await MissingTablesAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw;
            }
        }
    }

    /// <summary>Creates some of the tables (a database made before the leases and feed orders tables existed), with their indexes.</summary>
    private static async Task CreateTablesAsync(TContext context, IReadOnlyCollection<(string Name, string? Schema)> tables, CancellationToken cancellationToken)
    {
        var model = context.GetService<IDesignTimeModel>().Model;
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .Where(o => o switch
            {
                CreateTableOperation t => tables.Contains((t.Name, t.Schema)),
                CreateIndexOperation i => tables.Contains((i.Table, i.Schema)),
                _ => false,
            })
            .ToList();
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
        await context.GetService<IMigrationCommandExecutor>()
            .ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables the model must map.</summary>
    private static readonly Type[] TableTypes =
        [typeof(AmazonFulfillmentOrderRecord), typeof(AmazonFulfillmentCursorRecord), typeof(AmazonFulfillmentLeaseRecord), typeof(AmazonFulfillmentFeedOrderRecord)];

    /// <summary>The tables that do not exist: probed on the connection itself, so that a missing table is not logged as an EF Core error.</summary>
    private async Task<List<(string Name, string? Schema)>> MissingTablesAsync(CancellationToken cancellationToken)
    {
        await using var lease = _rent();
        var context = lease.Context;
        var sql = context.GetService<ISqlGenerationHelper>();
        var database = context.Database;
        await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = new List<(string Name, string? Schema)>();
            foreach (var type in TableTypes)
            {
                var entity = context.Model.FindEntityType(type)!;
                await using var command = database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT 1 FROM {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} WHERE 1 = 0";
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException)
                {
                    missing.Add((entity.GetTableName()!, entity.GetSchema()));
                }
            }

            return missing;
        }
        finally
        {
            await database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
