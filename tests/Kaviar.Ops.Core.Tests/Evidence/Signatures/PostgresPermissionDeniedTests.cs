using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresPermissionDeniedTests
{
    [Theory]
    [InlineData("error: permission denied for schema public", "public", "GRANT USAGE, CREATE ON SCHEMA public TO <app user>;")]
    [InlineData("ERROR: permission denied for table users (SQLSTATE 42501)", "users", "GRANT SELECT, INSERT, UPDATE, DELETE ON users TO <app user>;")]
    [InlineData("psycopg2.errors.InsufficientPrivilege: permission denied for sequence users_id_seq", "users_id_seq", "ON SEQUENCE users_id_seq")]
    public void A_missing_privilege_names_the_object_and_the_grant(string line, string name, string grant)
    {
        var diagnosis = LogSample.Single("PostgresPermissionDenied", line);

        Assert.Equal(name, diagnosis.Fact(LogFacts.Object));
        Assert.Contains(grant, diagnosis.ManualFix);
    }

    [Fact]
    public void A_file_permission_is_not_a_database_privilege()
    {
        Assert.Equal("FilePermissionDenied", Assert.Single(LogSample.Classify("Error: EACCES: permission denied, open '/app/logs/app.log'")).SignatureId);
    }
}
