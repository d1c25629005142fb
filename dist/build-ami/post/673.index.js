export const id = 673;
export const ids = [673];
export const modules = {

/***/ 2673:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec2: () => (/* binding */ Ec2)
/* harmony export */ });
/* unused harmony exports Ssm, connect */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5193);
/* harmony import */ var _common_aws__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3873);
/* harmony import */ var _common_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1922);




/**
 * The EC2 and Parameter Store calls build-ami makes, each labelled with what it attempts; the
 * run's call layer (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The
 * only module that loads the SDK: main.ts and post.ts import it dynamically. Cleanup calls
 * (`cleanup: true`) are sent without the run's signal, so they still go out after a cancellation.
 */
/** EC2's per-call limit on the values of one filter and on ids per request (DescribeImages `ImageIds`, CreateTags `Resources`). */
const IDS_PER_CALL = 200;
class Ec2 {
    calls;
    region;
    client;
    constructor(calls, region) {
        this.calls = calls;
        this.region = region;
        this.client = calls.client(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .EC2Client */ .gu5, region);
    }
    async imagesByIds(ids) {
        const out = [];
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(ids, IDS_PER_CALL)) {
            out.push(...(await this.calls.all(`describe images ${batch.join(', ')} in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeImages */ .XiR)({ client: this.client }, { ImageIds: batch, IncludeDeprecated: true }, o), (page) => page.Images)));
        }
        return out;
    }
    /**
     * Who besides this account may launch an image: its launch permissions (accounts, organizations
     * and organizational units it is shared with; `Group: all` when it is public), from
     * DescribeImageAttribute `launchPermission`.
     */
    async launchPermissions(imageId) {
        const out = await this.calls.send(`read the launch permissions of ${imageId} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeImageAttributeCommand */ .OkE({ ImageId: imageId, Attribute: 'launchPermission' }), o));
        return out.LaunchPermissions ?? [];
    }
    /** Your own images whose name starts with `prefix`, deprecated ones included. */
    async ownImagesNamed(prefix) {
        return this.calls.all(`list your images named ${prefix}* in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeImages */ .XiR)({ client: this.client }, {
            Owners: ['self'],
            IncludeDeprecated: true,
            Filters: [{ Name: 'name', Values: [`${escapeFilter(prefix)}*`] }],
        }, o), (page) => page.Images);
    }
    async createTags(ids, tags) {
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(ids, IDS_PER_CALL)) {
            await this.calls.send(`tag ${batch.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .CreateTagsCommand */ .RmG({ Resources: batch, Tags: tags.map(([Key, Value]) => ({ Key, Value })) }), o));
        }
    }
    /**
     * Every image a launch template version names, with the template and version: an AMI id, or a
     * `resolve:ssm:<parameter>` alias as written (resolved by the caller through Parameter Store:
     * EC2's ResolveAlias resolves one version per request, and a parameter that cannot be
     * resolved must not fail the listing of every template).
     */
    async launchTemplateImages() {
        const templates = await this.calls.all(`list launch templates in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeLaunchTemplates */ .dij)({ client: this.client }, {}, o), (page) => page.LaunchTemplates);
        const out = new Map();
        for (const template of templates) {
            const versions = await this.calls.all(`list the versions of launch template ${template.LaunchTemplateName} in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeLaunchTemplateVersions */ .ZY3)({ client: this.client }, { LaunchTemplateId: template.LaunchTemplateId }, o), (page) => page.LaunchTemplateVersions);
            for (const v of versions) {
                const image = v.LaunchTemplateData?.ImageId;
                if (image && !out.has(image))
                    out.set(image, `used by launch template ${v.LaunchTemplateName} version ${v.VersionNumber}`);
            }
        }
        return out;
    }
    /** Deregisters an image and its snapshots; returns the snapshots and whether each was deleted. */
    async deregisterImage(id) {
        const out = await this.calls.send(`deregister image ${id} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DeregisterImageCommand */ .x2c({ ImageId: id, DeleteAssociatedSnapshots: true }), o));
        return (out.DeleteSnapshotResults ?? []).map((r) => ({
            snapshotId: r.SnapshotId ?? '',
            deleted: r.ReturnCode === 'success',
            note: r.ReturnCode === 'success' ? undefined : r.ReturnCode,
        }));
    }
    async deprecateImage(id, at) {
        await this.calls.send(`set the deprecation time of image ${id} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .EnableImageDeprecationCommand */ .cJk({ ImageId: id, DeprecateAt: at }), o));
    }
    /** Instances carrying a tag, in any state (terminated ones show which groups and key pairs they left). */
    async instancesTagged(key, value) {
        return this.calls.all(`find instances tagged ${key}=${value} in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeInstances */ .H0T)({ client: this.client }, { Filters: [{ Name: `tag:${key}`, Values: [value] }], MaxResults: 1000 }, o), (page) => page.Reservations?.flatMap((r) => r.Instances ?? []), null);
    }
    async instances(ids) {
        return this.calls.all(`describe instances ${ids.join(', ')} in ${this.region}`, (o) => (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeInstances */ .H0T)({ client: this.client }, { Filters: [{ Name: 'instance-id', Values: ids }], MaxResults: 1000 }, o), (page) => page.Reservations?.flatMap((r) => r.Instances ?? []), null);
    }
    async terminateInstances(ids) {
        await this.calls.send(`terminate instances ${ids.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .TerminateInstancesCommand */ .NaF({ InstanceIds: ids }), o), null);
    }
    /** Security groups by id that still exist, with their names. */
    async securityGroups(ids) {
        const filters = [{ Name: 'group-id', Values: ids }];
        const out = await this.calls.send(`describe security groups ${ids.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeSecurityGroupsCommand */ .jsQ({ Filters: filters }), o), null);
        return (out.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' }));
    }
    /** Security groups by name that still exist, with their ids. */
    async securityGroupsNamed(names) {
        const filters = [{ Name: 'group-name', Values: names.map(escapeFilter) }];
        const out = await this.calls.send(`describe security groups ${names.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeSecurityGroupsCommand */ .jsQ({ Filters: filters }), o), null);
        return (out.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' }));
    }
    async deleteSecurityGroup(id) {
        await this.calls.send(`delete security group ${id} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DeleteSecurityGroupCommand */ .yEh({ GroupId: id }), o), null);
    }
    /** Key pairs by name that still exist. */
    async keyPairs(names) {
        const out = await this.calls.send(`describe key pairs ${names.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeKeyPairsCommand */ .DRu({ Filters: [{ Name: 'key-name', Values: names }] }), o), null);
        return (out.KeyPairs ?? []).map((k) => k.KeyName ?? '');
    }
    async deleteKeyPair(name) {
        await this.calls.send(`delete key pair ${name} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DeleteKeyPairCommand */ .EWB({ KeyName: name }), o), null);
    }
}
/** EC2 filter values treat `*` and `?` as wildcards; a literal one is escaped with a backslash. */
function escapeFilter(value) {
    return value.replace(/[\\*?]/g, '\\$&');
}
class Ssm {
    calls;
    region;
    client;
    constructor(calls, region) {
        this.calls = calls;
        this.region = region;
        this.client = calls.client(SSMClient, region);
    }
    /**
     * The parameter's value now, or undefined when it does not exist. `uncancelled`: read even
     * after the run was cancelled (a put-back is read back like a write).
     */
    async get(name, uncancelled = false) {
        try {
            const out = await this.calls.send(`read parameter ${name} in ${this.region}`, (o) => this.client.send(new GetParameterCommand({ Name: name }), o), uncancelled ? null : undefined);
            const p = out.Parameter;
            return { value: p?.Value ?? '', version: p?.Version ?? 0, dataType: p?.DataType };
        }
        catch (error) {
            // A `name:version` whose version does not exist answers ParameterVersionNotFound (the
            // SSM model's GetParameter errors); such a reference, like a missing name, holds no value.
            const code = awsErrorCode(error.cause);
            if (code === 'ParameterNotFound' || code === 'ParameterVersionNotFound')
                return undefined;
            throw error;
        }
    }
    /**
     * Writes an AMI id (data type `aws:ec2:image`, which Parameter Store validates afterwards);
     * returns the version it gets. Not cancelled mid-way, so that whether it was written is known:
     * a cancellation takes effect once it is answered.
     */
    async putImageId(name, id) {
        const out = await this.calls.send(`write parameter ${name} in ${this.region}`, (o) => this.client.send(new PutParameterCommand({
            Name: name,
            Value: id,
            Type: 'String',
            DataType: 'aws:ec2:image',
            Overwrite: true,
            Description: 'AMI id published by infra-actions build-ami',
        }), o), null);
        return out.Version ?? 0;
    }
    /** Deletes a parameter (a put-back of one this run created); one already gone is no error. */
    async delete(name) {
        try {
            await this.calls.send(`delete parameter ${name} in ${this.region}`, (o) => this.client.send(new DeleteParameterCommand({ Name: name }), o), null);
        }
        catch (error) {
            if (awsErrorCode(error.cause) !== 'ParameterNotFound')
                throw error;
        }
    }
}
function connect(calls, region) {
    return { ec2: new Ec2(calls, region), ssm: new Ssm(calls, region) };
}


/***/ })

};
