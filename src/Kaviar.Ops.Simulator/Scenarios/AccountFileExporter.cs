using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Lambda;
using Kaviar.Ops.Simulator.Logs;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// Writes a built account as the <see cref="AccountFile"/> that builds it again: what the scenario created (not what
/// happened during its history: tasks, their interfaces, logs, target registrations), every reference by name, so the
/// file holds no generated id. Names the account lacks (NAT gateways, route tables) are made from their VPC's.
/// What the format cannot express (an app or function the file has no form for) is an error, never left out silently.
/// </summary>
public static class AccountFileExporter
{
    /// <param name="database">
    /// The database the scenario was built on, and how the file asks for it: its RDS-format secrets are written as such.
    /// </param>
    public static JsonObject Export(AccountScenario scenario, AccountState state, (AccountFileDatabase Request, ScenarioDatabase Connected)? database = null)
    {
        lock (state.SyncRoot)
        {
            return new Writer(state, database?.Connected).Write(scenario, database?.Request);
        }
    }

    private sealed class Writer
    {
        private readonly AccountState _state;
        private readonly ScenarioDatabase? _database;
        private readonly Dictionary<string, string> _natNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _routeTableNames = new(StringComparer.Ordinal);

        public Writer(AccountState state, ScenarioDatabase? database)
        {
            _state = state;
            _database = database;
        }

        private Ec2State Ec2 => _state.Ec2;

        public JsonObject Write(AccountScenario scenario, AccountFileDatabase? request)
        {
            var file = new JsonObject
            {
                ["name"] = scenario.Name,
                ["region"] = _state.Region,
                ["accountId"] = _state.AccountId,
                ["historySeconds"] = scenario.History.TotalSeconds,
                ["idSeed"] = scenario.IdSeed,
            };
            file.AddIfPresent("database", request is null ? null : new JsonObject { ["name"] = request.Name, ["optional"] = !request.Required });
            file.AddIfPresent("fargateOnDemandVcpuQuota", _state.Ecs.FargateOnDemandVcpuQuota);
            file.AddIfPresent("iam", _state.Iam.DeniedActions.Count == 0 ? null
                : new JsonObject { ["deny"] = Array(_state.Iam.DeniedActions, action => JsonValue.Create(action)) });
            file["prefixLists"] = Array(Ec2.PrefixLists, list => new JsonObject
            {
                ["name"] = list.PrefixListName,
                ["addressFamily"] = list.AddressFamily,
                ["maxEntries"] = list.MaxEntries,
                ["entries"] = Array(list.Entries, e => new JsonObject { ["cidr"] = e.Cidr }.AddIfPresent("description", e.Description)),
            });
            file["vpcs"] = Array(Ec2.Vpcs, Vpc);
            // Only when there are any: the file of an account without HTTPS listeners reads as it did before certificates existed.
            file.AddIfPresent("certificates", _state.Acm.Certificates.Count == 0 ? null : Array(_state.Acm.Certificates, certificate => new JsonObject
            {
                ["domainName"] = certificate.DomainName,
                ["subjectAlternativeNames"] = Array(certificate.SubjectAlternativeNames.Skip(1), name => JsonValue.Create(name)),
            }.AddIfPresent("status", certificate.Status == "ISSUED" ? null : certificate.Status)));
            file["targetGroups"] = Array(_state.Elbv2.TargetGroups, TargetGroup);
            file["loadBalancers"] = Array(_state.Elbv2.LoadBalancers, loadBalancer => WithSettings(loadBalancer, LoadBalancer(loadBalancer)));
            var functionLogGroups = _state.Lambda.Functions.Select(f => f.LogGroupName).ToHashSet(StringComparer.Ordinal);
            file["logGroups"] = Array(_state.Logs.Groups.Where(g => !functionLogGroups.Contains(g.Name)),
                group => new JsonObject { ["name"] = group.Name }.AddIfPresent("retentionInDays", group.RetentionInDays)
                    .AddIfPresent("logGroupClass", group.LogGroupClass == LogsState.StandardClass ? null : group.LogGroupClass));
            file["ecrRepositories"] = Array(_state.Ecr.Repositories, repository => new JsonObject
            {
                ["name"] = repository.Name,
                ["imageTags"] = Array(repository.Images.SelectMany(i => i.Tags), tag => JsonValue.Create(tag)),
            });
            file["secrets"] = Array(_state.SecretsManager.Secrets, Secret);
            file["ssmParameters"] = Array(_state.Ssm.Parameters, p => new JsonObject { ["name"] = p.Name, ["value"] = p.Value, ["type"] = p.Type });
            file["rds"] = Databases();
            file["clusters"] = Array(_state.Ecs.Clusters, c => new JsonObject { ["name"] = c.Name }
                .AddIfPresent("containerInsights", c.ContainerInsights == "disabled" ? null : c.ContainerInsights));
            file["taskDefinitions"] = Array(_state.Ecs.TaskDefinitions.OrderBy(d => d.RegisteredAt).ThenBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Revision), TaskDefinition);
            file["apps"] = new JsonObject(_state.Ecs.Apps.Select(app => KeyValuePair.Create(app.Key, (JsonNode?)AccountFileApps.ToJson(app.Value))));
            file["lambdaFunctions"] = Array(_state.Lambda.Functions, Function);
            file.AddIfPresent("serviceDiscovery", _state.ServiceDiscovery.Namespaces.Count == 0 ? null : Array(_state.ServiceDiscovery.Namespaces, Namespace));
            file.AddIfPresent("alarms", _state.CloudWatch.Alarms.Count == 0 ? null : Array(_state.CloudWatch.Alarms, Alarm));
            file["services"] = Array(_state.Ecs.Clusters.SelectMany(c => c.Services), Service);
            return file;
        }

        private JsonObject Vpc(Vpc vpc)
        {
            var json = new JsonObject { ["name"] = vpc.Name, ["cidr"] = vpc.CidrBlock }.AddIfPresent("ipv6Cidr", vpc.Ipv6CidrBlock);
            json["subnets"] = Array(Ec2.Subnets.Where(s => s.VpcId == vpc.VpcId), subnet => new JsonObject
            {
                ["name"] = subnet.Name,
                ["cidr"] = subnet.CidrBlock,
                ["availabilityZone"] = subnet.AvailabilityZone,
                ["mapPublicIpOnLaunch"] = subnet.MapPublicIpOnLaunch,
            }.AddIfPresent("ipv6Cidr", subnet.Ipv6CidrBlock));
            json["internetGateway"] = Ec2.InternetGateways.Any(g => g.AttachedVpcIds.Contains(vpc.VpcId));
            json["natGateways"] = Array(Ec2.NatGateways.Where(n => n.VpcId == vpc.VpcId).Select((nat, index) => (nat, index)), item =>
            {
                var name = _natNames[item.nat.NatGatewayId] = $"{vpc.Name}-nat-{item.index + 1}";
                return new JsonObject { ["name"] = name, ["subnet"] = SubnetName(item.nat.SubnetId) };
            });
            json["routeTables"] = Array(Ec2.RouteTables.Where(t => t.VpcId == vpc.VpcId && !t.IsMain).Select((table, index) => (table, index)), item =>
            {
                var name = _routeTableNames[item.table.RouteTableId] = $"{vpc.Name}-rt-{item.index + 1}";
                return new JsonObject
                {
                    ["name"] = name,
                    ["subnets"] = Array(item.table.Associations.Where(a => a.SubnetId is not null), a => JsonValue.Create(SubnetName(a.SubnetId!))),
                    // The local route comes with the table; a gateway endpoint's prefix-list route comes with the endpoint.
                    ["routes"] = Array(item.table.Routes.Where(r => r.DestinationCidrBlock is not null && r.GatewayId != "local"), Route),
                };
            });
            json["securityGroups"] = Array(Ec2.SecurityGroups.Where(g => g.VpcId == vpc.VpcId).Select(SecurityGroup).OfType<JsonObject>(), g => g);
            json["vpcEndpoints"] = Array(Ec2.VpcEndpoints.Where(e => e.VpcId == vpc.VpcId), endpoint => endpoint.VpcEndpointType == "Gateway"
                ? new JsonObject
                {
                    ["service"] = endpoint.ServiceName,
                    ["type"] = "Gateway",
                    ["routeTables"] = Array(endpoint.RouteTableIds, id => JsonValue.Create(_routeTableNames[id])),
                }
                : new JsonObject
                {
                    ["service"] = endpoint.ServiceName,
                    ["type"] = endpoint.VpcEndpointType,
                    ["subnets"] = Array(endpoint.SubnetIds, id => JsonValue.Create(SubnetName(id))),
                    ["securityGroups"] = Array(endpoint.GroupIds, id => JsonValue.Create(GroupName(id))),
                    ["privateDnsEnabled"] = endpoint.PrivateDnsEnabled,
                });
            json["networkAcls"] = Array(Ec2.NetworkAcls.Where(a => a.VpcId == vpc.VpcId && !a.IsDefault).Select((acl, index) => (acl, index)), item => new JsonObject
            {
                ["name"] = item.acl.Tags.GetValueOrDefault("Name") ?? $"{vpc.Name}-acl-{item.index + 1}",
                ["subnets"] = Array(item.acl.Associations, a => JsonValue.Create(SubnetName(a.SubnetId))),
                ["entries"] = Array(item.acl.Entries.Where(e => e.RuleNumber <= NetworkAclEntry.LastUserRuleNumber), entry => new JsonObject
                {
                    ["ruleNumber"] = entry.RuleNumber,
                    ["egress"] = entry.Egress,
                    ["protocol"] = entry.Protocol,
                    ["ruleAction"] = entry.RuleAction,
                }
                    .AddIfPresent("cidr", entry.CidrBlock)
                    .AddIfPresent("ipv6Cidr", entry.Ipv6CidrBlock)
                    .AddIfPresent("fromPort", entry.PortRange?.From)
                    .AddIfPresent("toPort", entry.PortRange?.To)),
            });
            return json;
        }

        private JsonObject Route(Route route)
        {
            var json = new JsonObject { ["destination"] = route.DestinationCidrBlock };
            if (route.NatGatewayId is { } nat)
            {
                json["natGateway"] = _natNames[nat];
            }
            else if (route.GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true)
            {
                json["internetGateway"] = true;
            }
            else
            {
                throw new NotSupportedException($"A scenario file cannot route {route.DestinationCidrBlock} to {route.GatewayId} yet.");
            }

            return json;
        }

        /// <summary>The group with its rules; the VPC's default group only for rules beyond AWS's own (null when it has none).</summary>
        private JsonObject? SecurityGroup(SecurityGroup group)
        {
            var isDefault = group.GroupName == AccountFileBuilder.DefaultGroup;
            var ingress = group.IngressRules.Where(r => !(isDefault && r.IpProtocol == "-1" && r.ReferencedGroupId == group.GroupId)).ToList();
            var egressIsAwsDefault = group.EgressRules is [{ IpProtocol: "-1", CidrIpv4: "0.0.0.0/0", ReferencedGroupId: null }];
            if (isDefault && ingress.Count == 0 && egressIsAwsDefault)
            {
                return null;
            }

            var json = new JsonObject { ["name"] = group.GroupName, ["description"] = group.Description, ["ingress"] = Array(ingress, Rule) };
            if (!egressIsAwsDefault)
            {
                json["egress"] = Array(group.EgressRules, Rule);
            }

            return json;
        }

        private JsonObject Rule(SecurityGroupRule rule)
        {
            var json = new JsonObject { ["protocol"] = rule.IpProtocol };
            if (rule.FromPort is { } from && from == rule.ToPort)
            {
                json["port"] = from;
            }
            else
            {
                json.AddIfPresent("fromPort", rule.FromPort).AddIfPresent("toPort", rule.ToPort);
            }

            return json
                .AddIfPresent("cidr", rule.CidrIpv4)
                .AddIfPresent("ipv6Cidr", rule.CidrIpv6)
                .AddIfPresent("group", rule.ReferencedGroupId is { } peer ? GroupName(peer) : null)
                .AddIfPresent("prefixList", rule.PrefixListId is { } list ? Ec2.RequirePrefixList(list).PrefixListName : null)
                .AddIfPresent("description", rule.Description);
        }

        private JsonObject TargetGroup(TargetGroup group) => new JsonObject
        {
            ["name"] = group.TargetGroupName,
            ["vpc"] = Ec2.RequireVpc(group.VpcId).Name,
            ["port"] = group.Port,
        }
            .AddIfPresent("protocol", group.Protocol == "HTTP" ? null : group.Protocol)
            .AddIfPresent("protocolVersion", group.ProtocolVersion == "HTTP1" ? null : group.ProtocolVersion)
            .AddIfPresent("targetType", group.TargetType == "ip" ? null : group.TargetType)
            .AddIfPresent("deregistrationDelaySeconds", group.DeregistrationDelaySeconds)
            .AddIfPresent("slowStartSeconds", group.SlowStartSeconds == 0 ? null : group.SlowStartSeconds)
            .AddIfPresent("stickiness", group.StickinessEnabled || group.StickinessDurationSeconds != Elbv2.TargetGroup.DefaultStickinessSeconds
                ? new JsonObject { ["enabled"] = group.StickinessEnabled, ["durationSeconds"] = group.StickinessDurationSeconds }
                : null)
            .AddIfPresent("healthCheck", new JsonObject
            {
                ["protocol"] = group.HealthCheckProtocol,
                ["path"] = group.HealthCheckPath,
                ["matcher"] = group.MatcherHttpCode,
                ["port"] = group.HealthCheckPort,
                ["intervalSeconds"] = group.HealthCheckIntervalSeconds,
                ["timeoutSeconds"] = group.HealthCheckTimeoutSeconds,
                ["healthyThreshold"] = group.HealthyThresholdCount,
                ["unhealthyThreshold"] = group.UnhealthyThresholdCount,
            });

        private JsonObject LoadBalancer(LoadBalancer loadBalancer) => new()
        {
            ["name"] = loadBalancer.LoadBalancerName,
            ["subnets"] = Array(loadBalancer.SubnetIds, id => JsonValue.Create(SubnetName(id))),
            ["securityGroups"] = Array(loadBalancer.SecurityGroupIds, id => JsonValue.Create(GroupName(id))),
            ["listeners"] = Array(_state.Elbv2.ListenersOf(loadBalancer.LoadBalancerArn), Listener),
        };

        /// <summary>A load balancer's settings, after its name: only those that differ from CreateLoadBalancer's defaults.</summary>
        private static JsonObject WithSettings(LoadBalancer loadBalancer, JsonObject json)
        {
            if (loadBalancer.IpAddressType != Elbv2State.Ipv4)
            {
                json.Insert(1, "ipAddressType", loadBalancer.IpAddressType);
            }

            if (loadBalancer.Scheme != Elbv2State.InternetFacing)
            {
                json.Insert(1, "scheme", loadBalancer.Scheme);
            }

            return json;
        }

        /// <summary>HTTPS with its certificate by domain name, and its security policy unless it is the default.</summary>
        private JsonObject Listener(Listener listener)
        {
            var json = new JsonObject { ["port"] = listener.Port };
            if (listener.Tls is { } tls)
            {
                json["protocol"] = listener.Protocol;
                json["certificate"] = _state.Acm.FindCertificate(tls.CertificateArn)!.DomainName;
                json.AddIfPresent("sslPolicy", tls.SslPolicy == ListenerTls.DefaultSslPolicy ? null : tls.SslPolicy);
            }

            json["defaultAction"] = Action(listener.DefaultActions.Single());
            json["rules"] = Array(_state.Elbv2.RulesOf(listener).Where(r => !r.IsDefault), Rule);
            return json;
        }

        /// <summary>Plain host and path values in "hostHeaders"/"pathPatterns"; every other condition in "conditions".</summary>
        private JsonObject Rule(Rule rule)
        {
            static bool IsPlain(RuleCondition c, string field) => c.Field == field && c.RegexValues.Count == 0;
            var json = new JsonObject
            {
                ["priority"] = int.Parse(rule.Priority, System.Globalization.CultureInfo.InvariantCulture),
                ["hostHeaders"] = Array(rule.Conditions.Where(c => IsPlain(c, "host-header")).SelectMany(c => c.Values), v => JsonValue.Create(v)),
                ["pathPatterns"] = Array(rule.Conditions.Where(c => IsPlain(c, "path-pattern")).SelectMany(c => c.Values), v => JsonValue.Create(v)),
            };
            var others = rule.Conditions.Where(c => !IsPlain(c, "host-header") && !IsPlain(c, "path-pattern")).ToList();
            if (others.Count > 0)
            {
                json["conditions"] = Array(others, c => new JsonObject { ["field"] = c.Field }
                    .AddIfPresent("httpHeaderName", c.HttpHeaderName)
                    .AddIfPresent("values", c.Values.Count > 0 ? Array(c.Values, v => JsonValue.Create(v)) : null)
                    .AddIfPresent("regexValues", c.RegexValues.Count > 0 ? Array(c.RegexValues, v => JsonValue.Create(v)) : null)
                    .AddIfPresent("queryString", c.QueryPairs.Count > 0
                        ? Array(c.QueryPairs, p => new JsonObject().AddIfPresent("key", p.Key).AddIfPresent("value", p.Value))
                        : null));
            }

            if (rule.Actions is [{ Type: "forward", ForwardTargetGroups: [var single] }])
            {
                json["forward"] = TargetGroupName(single.TargetGroupArn);
            }
            else
            {
                json["action"] = Action(rule.Actions.Single());
            }

            if (rule.Transforms.Count > 0)
            {
                json["transforms"] = Array(rule.Transforms, t => new JsonObject
                {
                    ["type"] = t.Type,
                    ["rewrites"] = Array(t.Rewrites, r => new JsonObject { ["regex"] = r.Regex, ["replace"] = r.Replace }),
                });
            }

            return json;
        }

        private JsonObject Action(ListenerAction action) => action switch
        {
            { FixedResponse: { } response } => new JsonObject
            {
                ["fixedResponse"] = new JsonObject { ["statusCode"] = int.Parse(response.StatusCode, System.Globalization.CultureInfo.InvariantCulture) }
                    .AddIfPresent("contentType", response.ContentType)
                    .AddIfPresent("messageBody", response.MessageBody),
            },
            { Type: "forward", ForwardTargetGroups: [var single] } => new JsonObject { ["forward"] = TargetGroupName(single.TargetGroupArn) },
            { Type: "forward", ForwardTargetGroups: { } weighted } => new JsonObject
            {
                ["forward"] = Array(weighted, g => new JsonObject { ["targetGroup"] = TargetGroupName(g.TargetGroupArn), ["weight"] = g.Weight }),
            },
            { Redirect: { } redirect } => new JsonObject
            {
                ["redirect"] = new JsonObject()
                    .AddIfPresent("protocol", redirect.Protocol)
                    .AddIfPresent("port", redirect.Port)
                    .AddIfPresent("host", redirect.Host)
                    .AddIfPresent("path", redirect.Path)
                    .AddIfPresent("query", redirect.Query)
                    .AddIfPresent("statusCode", redirect.StatusCode),
            },
            _ => throw new NotSupportedException($"A scenario file cannot describe a {action.Type} listener action yet."),
        };

        private JsonObject Secret(SecretsManager.Secret secret)
        {
            if (_database is not null && RdsCredentialsOf(secret.SecretString) is { } instance && _database.RdsSecretString(instance) == secret.SecretString)
            {
                return new JsonObject { ["name"] = secret.Name, ["rdsCredentialsOf"] = instance };
            }

            return new JsonObject { ["name"] = secret.Name, ["secretString"] = secret.SecretString };
        }

        private static string? RdsCredentialsOf(string secretString)
        {
            try
            {
                return JsonNode.Parse(secretString)?["dbInstanceIdentifier"]?.GetValue<string>();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private JsonObject Databases()
        {
            var rds = _state.Rds;
            return new JsonObject
            {
                ["endpointHash"] = rds.EndpointHash,
                ["subnetGroups"] = Array(rds.SubnetGroups, group => new JsonObject
                {
                    ["name"] = group.Name,
                    ["description"] = group.Description,
                    ["subnets"] = Array(group.SubnetIds, id => JsonValue.Create(SubnetName(id))),
                }),
                ["instances"] = Array(rds.Instances.Where(i => i.ClusterIdentifier is null), instance => new JsonObject
                {
                    ["identifier"] = instance.Identifier,
                    ["subnetGroup"] = instance.SubnetGroup.Name,
                    ["securityGroups"] = Array(instance.SecurityGroupIds, id => JsonValue.Create(GroupName(id))),
                    ["port"] = instance.Port,
                    ["publiclyAccessible"] = instance.PubliclyAccessible,
                    ["engineVersion"] = instance.EngineVersion,
                    ["instanceClass"] = instance.InstanceClass,
                }),
                ["auroraClusters"] = Array(rds.Clusters, cluster => new JsonObject
                {
                    ["identifier"] = cluster.Identifier,
                    ["subnetGroup"] = cluster.SubnetGroup.Name,
                    ["securityGroups"] = Array(cluster.SecurityGroupIds, id => JsonValue.Create(GroupName(id))),
                    ["port"] = cluster.Port,
                    ["engineVersion"] = cluster.EngineVersion,
                }),
            };
        }

        /// <summary>RegisterTaskDefinition's request for the revision: DescribeTaskDefinition's answer without what ECS adds.</summary>
        private JsonObject TaskDefinition(TaskDefinition definition)
        {
            var request = new JsonObject
            {
                ["family"] = definition.Family,
                ["cpu"] = definition.Cpu,
                ["memory"] = definition.Memory,
                ["networkMode"] = definition.NetworkMode,
                ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            }
                .AddIfPresent("executionRoleArn", definition.ExecutionRoleArn)
                .AddIfPresent("taskRoleArn", definition.TaskRoleArn);
            request["containerDefinitions"] = Array(definition.Containers, container =>
            {
                var json = EcsJson.ContainerDefinition(container);
                foreach (var secret in json["secrets"]?.AsArray() ?? new JsonArray())
                {
                    secret!["valueFrom"] = SecretReference(secret["valueFrom"]!.GetValue<string>());
                }

                return json;
            });
            request.AddIfPresent("tags", Tags(definition.Tags));
            if (definition.Status == "INACTIVE")
            {
                request["deregistered"] = true;
            }

            return request;
        }

        /// <summary>A secret's ARN as <c>secret:NAME</c> (its suffix is generated); anything else as it is.</summary>
        private string SecretReference(string value) =>
            _state.SecretsManager.Secrets.FirstOrDefault(s => value.StartsWith(s.Arn, StringComparison.Ordinal)) is { } secret
                ? "secret:" + secret.Name + value[secret.Arn.Length..]
                : value;

        private JsonObject Function(LambdaFunction function)
        {
            var json = new JsonObject
            {
                ["name"] = function.Name,
                ["runtime"] = function.Runtime,
                ["timeoutSeconds"] = function.TimeoutSeconds,
                ["environment"] = new JsonObject(function.Environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)SecretReference(e.Value)))),
            };
            if (function.VpcConfig.SubnetIds.Count > 0)
            {
                json["vpcConfig"] = new JsonObject
                {
                    ["subnets"] = Array(function.VpcConfig.SubnetIds, id => JsonValue.Create(SubnetName(id))),
                    ["securityGroups"] = Array(function.VpcConfig.SecurityGroupIds, id => JsonValue.Create(GroupName(id))),
                };
            }

            switch (function.Code)
            {
                case MigrationsRunnerFunction { Failures.Count: 0 } runner:
                    json["migrationsRunner"] = new JsonObject
                    {
                        ["database"] = DatabaseAt(runner.DatabaseAddress),
                        ["migrations"] = Array(runner.Migrations, m => JsonValue.Create(m)),
                        ["applied"] = Array(runner.Applied, m => JsonValue.Create(m)),
                    };
                    break;
                case FixedResultFunction fixedResult:
                    json["returns"] = JsonNode.Parse(fixedResult.Payload);
                    break;
                default:
                    throw new NotSupportedException($"A scenario file cannot describe function {function.Name}'s code ({function.Code.GetType().Name}) yet.");
            }

            return json;
        }

        /// <summary>The RDS instance, or the Aurora cluster of the writer, on the interface at <paramref name="address"/>.</summary>
        private string DatabaseAt(string address)
        {
            var instance = _state.Rds.Instances.FirstOrDefault(i => _state.Rds.NetworkInterfaceOf(i)?.PrivateIpAddress == address)
                ?? throw new NotSupportedException($"No RDS database of the account is at {address}.");
            return instance.ClusterIdentifier ?? instance.Identifier;
        }

        private JsonObject Namespace(ServiceDiscovery.CloudMapNamespace ns)
        {
            if (ns.VpcId is not { } vpcId)
            {
                throw new NotSupportedException($"Cloud Map namespace {ns.Name} is not a private DNS namespace; the format has only those.");
            }

            return new JsonObject
            {
                ["namespace"] = ns.Name,
                ["vpc"] = Ec2.Vpcs.Single(v => v.VpcId == vpcId).Name,
            }.AddIfPresent("description", ns.Description).AddIfPresent("services", Array(
                _state.ServiceDiscovery.Services.Where(s => s.Namespace == ns),
                service => new JsonObject
                {
                    ["name"] = service.Name,
                    ["dnsRecords"] = Array(service.DnsRecords, r => new JsonObject { ["type"] = r.Type, ["ttl"] = r.Ttl }),
                }
                .AddIfPresent("healthCheckCustomConfig", service.HasCustomHealthCheck ? new JsonObject().AddIfPresent("failureThreshold", service.FailureThreshold) : null)
                .AddIfPresent("description", service.Description)));
        }

        private JsonObject Alarm(CloudWatch.MetricAlarm alarm) => new JsonObject
        {
            ["name"] = alarm.Name,
            ["namespace"] = alarm.Namespace,
            ["metricName"] = alarm.MetricName,
        }
            .AddIfPresent("statistic", alarm.Statistic)
            .AddIfPresent("dimensions", new JsonObject(alarm.Dimensions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(DimensionReference(d.Value))))))
            .AddIfPresent("period", alarm.Period)
            .AddIfPresent("evaluationPeriods", alarm.EvaluationPeriods)
            .AddIfPresent("threshold", alarm.Threshold)
            .AddIfPresent("comparisonOperator", alarm.ComparisonOperator);

        /// <summary>A target group's or load balancer's ARN suffix as its name in the file (its ids are generated); any other value as it is.</summary>
        private string DimensionReference(string value) =>
            _state.Elbv2.TargetGroups.FirstOrDefault(t => t.MetricDimension == value) is { } group
                ? AccountFileBuilder.TargetGroupDimension + group.TargetGroupName
                : _state.Elbv2.LoadBalancers.FirstOrDefault(l => l.MetricDimension == value) is { } loadBalancer
                    ? AccountFileBuilder.LoadBalancerDimension + loadBalancer.LoadBalancerName
                    : value;

        private JsonObject Service(EcsService service) => new JsonObject
        {
            ["cluster"] = service.Cluster.Name,
            ["serviceName"] = service.Name,
            ["taskDefinition"] = service.Primary.TaskDefinition.FamilyRevision,
            ["desiredCount"] = service.DesiredCount,
            ["networkConfiguration"] = new JsonObject
            {
                ["awsvpcConfiguration"] = new JsonObject
                {
                    ["subnets"] = Array(service.Primary.Network.Subnets, id => JsonValue.Create(SubnetName(id))),
                    ["securityGroups"] = Array(service.Primary.Network.SecurityGroups, id => JsonValue.Create(GroupName(id))),
                    ["assignPublicIp"] = service.Primary.Network.AssignPublicIp ? "ENABLED" : "DISABLED",
                },
            },
            ["loadBalancers"] = Array(service.LoadBalancers, lb => new JsonObject
            {
                ["targetGroup"] = TargetGroupName(lb.TargetGroupArn),
                ["containerName"] = lb.ContainerName,
                ["containerPort"] = lb.ContainerPort,
            }),
            ["healthCheckGracePeriodSeconds"] = service.HealthCheckGracePeriodSeconds,
            ["deploymentConfiguration"] = new JsonObject
            {
                ["maximumPercent"] = service.MaximumPercent,
                ["minimumHealthyPercent"] = service.MinimumHealthyPercent,
                ["deploymentCircuitBreaker"] = new JsonObject { ["enable"] = service.CircuitBreakerEnabled, ["rollback"] = service.CircuitBreakerRollback },
            },
        }.AddIfPresent("serviceRegistries", service.ServiceRegistries.Count == 0 ? null : Array(service.ServiceRegistries, registry =>
        {
            var cloudMap = _state.ServiceDiscovery.RequireService(registry.RegistryArn);
            return new JsonObject { ["registry"] = $"{cloudMap.Name}.{cloudMap.Namespace.Name}" }
                .AddIfPresent("port", registry.Port).AddIfPresent("containerName", registry.ContainerName).AddIfPresent("containerPort", registry.ContainerPort);
        }))
            // Only what differs from CreateService's defaults, so files of ordinary services stay short.
            .AddIfPresent("deploymentController", service.DeploymentController == "ECS" ? null : new JsonObject { ["type"] = service.DeploymentController })
            .AddIfPresent("capacityProviderStrategy", EcsJson.CapacityProviderStrategy(service))
            .AddIfPresent("platformVersion", service.PlatformVersion == EcsState.LatestPlatformVersion ? null : service.PlatformVersion)
            .AddIfPresent("propagateTags", service.PropagateTags == "NONE" ? null : service.PropagateTags)
            .AddIfPresent("enableExecuteCommand", service.EnableExecuteCommand ? true : null)
            .AddIfPresent("tags", Tags(service.Tags));

        /// <summary>ECS tags as its requests write them; null for none.</summary>
        private static JsonArray? Tags(IReadOnlyDictionary<string, string> tags) => tags.Count == 0 ? null : EcsJson.Tags(tags);

        private string SubnetName(string subnetId) => Ec2.RequireSubnet(subnetId).Name;

        private string GroupName(string groupId) => Ec2.RequireSecurityGroup(groupId).GroupName;

        private string TargetGroupName(string targetGroupArn) => _state.Elbv2.RequireTargetGroup(targetGroupArn).TargetGroupName;

        private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> write) => new(items.Select(write).ToArray());
    }
}
