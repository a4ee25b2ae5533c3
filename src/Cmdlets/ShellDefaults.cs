using System;
using System.Management.Automation;
using Kaviar.Ops.Aws;

namespace Kaviar.Ops.Cmdlets;

/// <summary>What Set-DefaultAWSRegion and Set-AWSCredential (AWS.Tools) leave in the session, for commands and completers alike.</summary>
internal static class ShellDefaults
{
    public static void Read(Func<string, object?> variable, AwsConnectionOptions options)
    {
        options.ShellRegion = Unwrap(variable("StoredAWSRegion")) switch
        {
            string name => name,
            { } region => region.ToString(),
            null => null,
        };

        switch (variable("StoredAWSCredentials"))
        {
            case null:
                break;
            case var stored when Unwrap(stored) is string profileName:
                options.ShellProfileName = profileName;
                break;
            case var stored:
                options.ShellCredentials = AwsToolsCredentials.From(PSObject.AsPSObject(stored));
                break;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
