using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// Every error id the module can report, each with its category, in one place: a problem has one id in every
/// command. Add a row here, never an id string at a throw site.
/// </summary>
public static class ErrorTable
{
    // Where AWS is and who we are.
    public static readonly ErrorCode AwsCredentialsNotFound = new("AwsCredentialsNotFound", ErrorKind.AuthenticationError);
    public static readonly ErrorCode AwsProfileNotFound = new("AwsProfileNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode AwsRegionNotFound = new("AwsRegionNotFound", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidRegion = new("InvalidRegion", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidProfileName = new("InvalidProfileName", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidCredentialParameters = new("InvalidCredentialParameters", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidEndpointUrl = new("InvalidEndpointUrl", ErrorKind.InvalidArgument);

    // What an AWS call answered.
    public static readonly ErrorCode AwsAccessDenied = new("AwsAccessDenied", ErrorKind.PermissionDenied);
    public static readonly ErrorCode AwsThrottled = new("AwsThrottled", ErrorKind.LimitsExceeded);
    public static readonly ErrorCode AwsInvalidRequest = new("AwsInvalidRequest", ErrorKind.InvalidArgument);
    public static readonly ErrorCode AwsServiceUnavailable = new("AwsServiceUnavailable", ErrorKind.ResourceUnavailable);
    public static readonly ErrorCode AwsEndpointUnreachable = new("AwsEndpointUnreachable", ErrorKind.ConnectionError);
    public static readonly ErrorCode AwsRequestFailed = new("AwsRequestFailed", ErrorKind.InvalidOperation);

    // What the user named.
    public static readonly ErrorCode InvalidArn = new("InvalidArn", ErrorKind.InvalidArgument);
    public static readonly ErrorCode ArnWrongResourceType = new("ArnWrongResourceType", ErrorKind.InvalidArgument);
    public static readonly ErrorCode ArnRegionConflict = new("ArnRegionConflict", ErrorKind.InvalidArgument);
    public static readonly ErrorCode ArnAccountMismatch = new("ArnAccountMismatch", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidResourceName = new("InvalidResourceName", ErrorKind.InvalidArgument);

    // One not-found vocabulary.
    public static readonly ErrorCode EcsClusterNotFound = new("EcsClusterNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsServiceNotFound = new("EcsServiceNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsTaskNotFound = new("EcsTaskNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsTaskDefinitionNotFound = new("EcsTaskDefinitionNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsContainerNotFound = new("EcsContainerNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsContainerAmbiguous = new("EcsContainerAmbiguous", ErrorKind.InvalidArgument);
    public static readonly ErrorCode EcsTaskDefinitionInactive = new("EcsTaskDefinitionInactive", ErrorKind.InvalidArgument);
    public static readonly ErrorCode EcsTaskDefinitionFamilyMismatch = new("EcsTaskDefinitionFamilyMismatch", ErrorKind.InvalidArgument);
    public static readonly ErrorCode AlbLoadBalancerNotFound = new("AlbLoadBalancerNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode AlbListenerNotFound = new("AlbListenerNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode AlbTargetGroupNotFound = new("AlbTargetGroupNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode SecurityGroupNotFound = new("SecurityGroupNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode LambdaFunctionNotFound = new("LambdaFunctionNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode AwsSecretNotFound = new("AwsSecretNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode LogGroupNotFound = new("LogGroupNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode DatabaseNotFound = new("DatabaseNotFound", ErrorKind.ObjectNotFound);

    // Cloud Map service discovery.
    public static readonly ErrorCode DiscoveryNameInvalid = new("DiscoveryNameInvalid", ErrorKind.InvalidArgument);

    // ECS services and their network.
    public static readonly ErrorCode EcsServiceHasNoLoadBalancer = new("EcsServiceHasNoLoadBalancer", ErrorKind.InvalidOperation);
    public static readonly ErrorCode EcsServiceNetworkMissing = new("EcsServiceNetworkMissing", ErrorKind.InvalidOperation);
    public static readonly ErrorCode SecurityGroupAmbiguous = new("SecurityGroupAmbiguous", ErrorKind.InvalidArgument);
    public static readonly ErrorCode OpenIngressRefused = new("OpenIngressRefused", ErrorKind.SecurityError);

    // Migrations.
    public static readonly ErrorCode EcsMigrationContainerNotFound = new("EcsMigrationContainerNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsMigrationContainerAmbiguous = new("EcsMigrationContainerAmbiguous", ErrorKind.InvalidArgument);
    public static readonly ErrorCode EcsMigrationNetworkMissing = new("EcsMigrationNetworkMissing", ErrorKind.InvalidArgument);
    public static readonly ErrorCode EcsMigrationAlreadyRunning = new("EcsMigrationAlreadyRunning", ErrorKind.ResourceBusy);
    public static readonly ErrorCode EcsMigrationTaskFailedToStart = new("EcsMigrationTaskFailedToStart", ErrorKind.InvalidResult);
    public static readonly ErrorCode EcsMigrationFailed = new("EcsMigrationFailed", ErrorKind.InvalidResult);
    public static readonly ErrorCode EcsMigrationTimeout = new("EcsMigrationTimeout", ErrorKind.OperationTimeout);
    public static readonly ErrorCode LambdaMigrationInvalidPayload = new("LambdaMigrationInvalidPayload", ErrorKind.InvalidArgument);
    public static readonly ErrorCode LambdaMigrationFunctionError = new("LambdaMigrationFunctionError", ErrorKind.InvalidResult);
    public static readonly ErrorCode LambdaMigrationFailed = new("LambdaMigrationFailed", ErrorKind.InvalidResult);
    public static readonly ErrorCode LambdaMigrationOutcomeUnknown = new("LambdaMigrationOutcomeUnknown", ErrorKind.ConnectionError);

    // Verdicts a runbook must not step over, and waits.
    public static readonly ErrorCode EcsDeploymentFailed = new("EcsDeploymentFailed", ErrorKind.InvalidResult);
    public static readonly ErrorCode EcsDeploymentSuperseded = new("EcsDeploymentSuperseded", ErrorKind.InvalidResult);
    /// <summary>The service's deployments belong to CodeDeploy or an external controller: UpdateService cannot change its revision.</summary>
    public static readonly ErrorCode EcsDeploymentControllerNotEcs = new("EcsDeploymentControllerNotEcs", ErrorKind.InvalidOperation);
    public static readonly ErrorCode EcsRollbackTargetNotFound = new("EcsRollbackTargetNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode EcsDeploymentTimeout = new("EcsDeploymentTimeout", ErrorKind.OperationTimeout);
    public static readonly ErrorCode AlbTargetsUnhealthy = new("AlbTargetsUnhealthy", ErrorKind.OperationTimeout);
    public static readonly ErrorCode HttpSmokeTestFailed = new("HttpSmokeTestFailed", ErrorKind.InvalidResult);
    public static readonly ErrorCode HttpSmokeTestTimeout = new("HttpSmokeTestTimeout", ErrorKind.OperationTimeout);
    public static readonly ErrorCode InvalidUrl = new("InvalidUrl", ErrorKind.InvalidArgument);
    /// <summary>A request to route that no client could send: a source that is not one address, a header name HTTP does not allow.</summary>
    public static readonly ErrorCode InvalidHttpRequest = new("InvalidHttpRequest", ErrorKind.InvalidArgument);
    public static readonly ErrorCode ConfirmationRequired = new("ConfirmationRequired", ErrorKind.InvalidOperation);
    public static readonly ErrorCode RepairNotVerified = new("RepairNotVerified", ErrorKind.InvalidResult);

    // Runbooks.
    public static readonly ErrorCode RunbookArgumentInvalid = new("RunbookArgumentInvalid", ErrorKind.InvalidArgument);
    public static readonly ErrorCode RunbookReportExpected = new("RunbookReportExpected", ErrorKind.InvalidArgument);
    public static readonly ErrorCode EcsServiceLogTimeout = new("EcsServiceLogTimeout", ErrorKind.OperationTimeout);

    // Postgres.
    public static readonly ErrorCode PostgresUntrustedCertificate = new("PostgresUntrustedCertificate", ErrorKind.SecurityError);
    public static readonly ErrorCode PostgresHostNameMismatch = new("PostgresHostNameMismatch", ErrorKind.SecurityError);
    public static readonly ErrorCode PostgresSslNotSupported = new("PostgresSslNotSupported", ErrorKind.ProtocolError);
    public static readonly ErrorCode PostgresAuthenticationFailed = new("PostgresAuthenticationFailed", ErrorKind.AuthenticationError);
    public static readonly ErrorCode PostgresDatabaseNotFound = new("PostgresDatabaseNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode PostgresUnreachable = new("PostgresUnreachable", ErrorKind.ConnectionError);
    public static readonly ErrorCode PostgresConnectionFailed = new("PostgresConnectionFailed", ErrorKind.ConnectionError);
    public static readonly ErrorCode PostgresNotMigrated = new("PostgresNotMigrated", ErrorKind.InvalidResult);
    public static readonly ErrorCode InvalidConnectionString = new("InvalidConnectionString", ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidSecretFormat = new("InvalidSecretFormat", ErrorKind.InvalidData);
    public static readonly ErrorCode CaBundleNotFound = new("CaBundleNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode CaBundleInvalid = new("CaBundleInvalid", ErrorKind.InvalidData);
    public static readonly ErrorCode InvalidRelationName = new("InvalidRelationName", ErrorKind.InvalidArgument);
    public static readonly ErrorCode MigrationsPathNotFound = new("MigrationsPathNotFound", ErrorKind.ObjectNotFound);

    // Configuration lint.
    public static readonly ErrorCode ConfigurationFileNotFound = new("ConfigurationFileNotFound", ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ConfigurationFileInvalid = new("ConfigurationFileInvalid", ErrorKind.InvalidData);

    /// <summary>A failure nothing above describes: a defect in the module. The message asks for a report.</summary>
    public static readonly ErrorCode UnexpectedFailure = new("UnexpectedFailure", ErrorKind.NotSpecified);

    /// <summary>Every row, for the tests that hold ids unique and categories valid.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } = typeof(ErrorTable)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)
        .ToList();
}
