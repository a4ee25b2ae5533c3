using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class ModuleNotFoundTests
{
    private const string Id = "ModuleNotFound";

    [Theory]
    [InlineData("Error: Cannot find module 'express'", "express", "Node.js")]
    [InlineData("Error: Cannot find module '/app/dist/main.js'", "/app/dist/main.js", "Node.js")]
    [InlineData("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express' imported from /app/server.mjs", "express", "Node.js")]
    [InlineData("ModuleNotFoundError: No module named 'psycopg2'", "psycopg2", "Python")]
    [InlineData("ImportError: No module named psycopg2", "psycopg2", "Python")]
    [InlineData("java.lang.ClassNotFoundException: org.postgresql.Driver", "org.postgresql.Driver", "Java")]
    [InlineData("Exception in thread \"main\" java.lang.NoClassDefFoundError: org/slf4j/LoggerFactory", "org.slf4j.LoggerFactory", "Java")]
    [InlineData("<internal:/usr/local/lib/ruby/3.3.0/rubygems/core_ext/kernel_require.rb>:136:in `require': cannot load such file -- pg (LoadError)", "pg", "Ruby")]
    [InlineData("Could not find pg-1.5.4 in locally installed gems (Bundler::GemNotFound)", "pg-1.5.4", "Ruby")]
    [InlineData("System.IO.FileNotFoundException: Could not load file or assembly 'Npgsql, Version=8.0.0.0, Culture=neutral, PublicKeyToken=5d8b90d52f46fda7'. The system cannot find the file specified.", "Npgsql", ".NET")]
    public void The_missing_library_is_named_with_its_runtime(string line, string module, string runtime)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(module, diagnosis.Fact(LogFacts.Module));
        Assert.Equal(runtime, diagnosis.Fact(LogFacts.Runtime));
        Assert.Equal($"The {runtime} app cannot load {module}: it is not in the image.", diagnosis.Cause);
        Assert.EndsWith("Then rebuild the image and deploy it.", diagnosis.ManualFix);
    }

    [Fact]
    public void Node_s_require_stack_is_one_diagnosis_and_never_a_database_one()
    {
        var diagnoses = LogSample.Classify(
            "node:internal/modules/cjs/loader:1228",
            "  throw err;",
            "Error: Cannot find module 'pg'",
            "Require stack:",
            "- /app/src/db.js",
            "- /app/src/server.js",
            "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
            "  code: 'MODULE_NOT_FOUND',",
            "  requireStack: [ '/app/src/db.js', '/app/src/server.js' ]");

        Assert.Equal(new[] { Id }, LogSample.Ids(diagnoses));
    }

    [Fact]
    public void A_missing_driver_class_is_not_a_database_failure()
    {
        Assert.Equal(new[] { Id }, LogSample.Ids(LogSample.Classify(
            "java.lang.ClassNotFoundException: org.postgresql.Driver",
            "\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)")));
    }

    [Fact]
    public void Node_s_fix_is_about_its_dependencies()
    {
        Assert.Contains("dependencies (not devDependencies)", LogSample.Single(Id, "Error: Cannot find module 'express'").ManualFix);
    }
}
