using System;
using System.IO;

namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>A temp migrations folder; the default files are the ones seed 002's QA deployment applied.</summary>
internal sealed class MigrationsFolderFixture : IDisposable
{
    public static readonly string[] Seed002Files =
    {
        "001_initial_schema.sql",
        "002_add_email_threads.sql",
        "002_admin_tables.sql",
        "003_add_shopping_cart.sql",
        "004_add_stripe_customer_id.sql",
        "005_add_fax_delivery_tracking.sql",
        "006_add_user_preferences.sql",
        "007_add_application_logs.sql",
        "007_user_insights.sql",
        "008_add_admin_users.sql",
        "009_add_hackathon_metrics_tables.sql",
        "010_add_email_delivery_tracking.sql",
        "011_add_email_abuse_prevention.sql",
        "012_add_shopping_order_fields.sql",
        "013_add_playwright_product_cache.sql",
        "014_add_demo_user.sql",
        "014_product_cache_categories.sql",
    };

    public MigrationsFolderFixture(params string[] files)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kaviar-migrations-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in files.Length == 0 ? Seed002Files : files)
        {
            var full = System.IO.Path.Combine(Path, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, "-- " + file);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
