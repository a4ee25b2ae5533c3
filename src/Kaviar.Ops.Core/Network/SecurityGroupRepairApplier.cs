using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>Makes a Planned step; AlreadyInPlace and Applied steps are returned as they are.</summary>
public sealed class SecurityGroupRepairApplier
{
    private readonly IAmazonECS ecs;
    private readonly IAmazonEC2 ec2;

    public SecurityGroupRepairApplier(OpsContext context)
    {
        ecs = context.Ecs;
        ec2 = context.Ec2;
    }

    public async Task<SecurityGroupRepairStep> ApplyAsync(SecurityGroupRepairStep step, CancellationToken cancellationToken)
    {
        if (step.StatusKind != StepStatus.Planned)
        {
            return step;
        }

        return step.ActionKind == SecurityGroupRepairAction.AuthorizeIngress
            ? await AuthorizeAsync(step, cancellationToken).ConfigureAwait(false)
            : await UpdateServiceAsync(step, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SecurityGroupRepairStep> AuthorizeAsync(SecurityGroupRepairStep step, CancellationToken cancellationToken)
    {
        // Only ever a group → group rule: no CIDR can reach this call.
        var permission = new IpPermission
        {
            IpProtocol = "tcp",
            FromPort = step.Port,
            ToPort = step.Port,
            UserIdGroupPairs = new List<UserIdGroupPair>
            {
                new UserIdGroupPair { GroupId = step.SourceGroupId, Description = $"From {step.SourceGroupName ?? step.SourceGroupId} (Kaviar.Ops)" },
            },
        };
        try
        {
            var response = await ec2.AuthorizeSecurityGroupIngressAsync(
                new AuthorizeSecurityGroupIngressRequest { GroupId = step.GroupId, IpPermissions = new List<IpPermission> { permission } }, cancellationToken).ConfigureAwait(false);
            var ruleIds = (response.SecurityGroupRules ?? new List<SecurityGroupRule>()).Select(r => r.SecurityGroupRuleId).ToList();
            return step.With(StepStatus.Applied,
                $"Added rule {string.Join(", ", ruleIds)}: {NetworkNames.Group(step.GroupId, step.GroupName)} allows TCP {step.Port} from " +
                $"{NetworkNames.Group(step.SourceGroupId!, step.SourceGroupName)}.");
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "InvalidPermission.Duplicate")
        {
            // Someone added it between the plan and now.
            return step.With(StepStatus.AlreadyInPlace, $"Already in place: {ex.Message}");
        }
    }

    private async Task<SecurityGroupRepairStep> UpdateServiceAsync(SecurityGroupRepairStep step, CancellationToken cancellationToken)
    {
        var response = await ecs.UpdateServiceAsync(new UpdateServiceRequest
        {
            Cluster = step.Cluster,
            Service = step.ServiceName,
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration
                {
                    Subnets = step.Subnets.ToList(),
                    SecurityGroups = step.SecurityGroups.ToList(),
                    AssignPublicIp = step.AssignPublicIp,
                },
            },
        }, cancellationToken).ConfigureAwait(false);
        var primary = response.Service?.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");
        return step.With(StepStatus.Applied,
            $"Service updated: its tasks now get [{string.Join(", ", step.SecurityGroups)}]; new deployment {primary?.Id ?? "(unknown)"} replaces the running tasks. " +
            $"Follow it with: {Suggest.GetEcsServiceHealth(step.Region, step.Cluster ?? "", step.ServiceName ?? "")}");
    }
}
