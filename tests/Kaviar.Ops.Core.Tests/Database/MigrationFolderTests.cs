using System.Linq;
using Kaviar.Ops.Database;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

public sealed class MigrationFolderTests
{
    [Theory]
    [InlineData("002_add_email_threads.sql", "002", "002_add_email_threads")]
    [InlineData("3_add_users.up.sql", "3", "3_add_users")]
    [InlineData("V1_1__add_users.sql", "1.1", "V1_1__add_users")]
    [InlineData("V2.0.1__fix.sql", "2.0.1", "V2.0.1__fix")]
    [InlineData("20240101120000_init.sql", "20240101120000", "20240101120000_init")]
    [InlineData("1700000000000-CreateUsers.ts", "1700000000000", "1700000000000-CreateUsers")]
    [InlineData("Migration20240124154000.ts", null, "Migration20240124154000")]
    [InlineData("R__views.sql", null, "R__views")]
    public void File_names_give_the_version_and_stem_runners_record(string fileName, string? version, string stem)
    {
        var file = new MigrationFile(fileName, "/m/" + fileName);

        Assert.Equal(version, file.Version);
        Assert.Equal(stem, file.Stem);
    }

    [Fact]
    public void A_folder_lists_migrations_by_version_and_skips_down_undo_and_other_files()
    {
        using var folder = new MigrationsFolderFixture(
            "10_orders.up.sql", "10_orders.down.sql", "9_users.up.sql", "U2__undo.sql", "V2__b.sql", "README.md",
            "20240501100000_init/migration.sql", "Initial.Designer.cs", "R__views.sql");

        var files = MigrationFolder.Scan(folder.Path);

        Assert.Equal(new[] { "V2__b.sql", "9_users.up.sql", "10_orders.up.sql", "20240501100000_init", "R__views.sql" }, files.Select(file => file.FileName));
    }

    [Fact]
    public void Seed_002_files_keep_their_duplicate_prefixes_in_name_order()
    {
        using var folder = new MigrationsFolderFixture();

        var files = MigrationFolder.Scan(folder.Path);

        Assert.Equal(MigrationsFolderFixture.Seed002Files, files.Select(file => file.FileName));
    }
}
