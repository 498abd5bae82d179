// Maps the @houqin/* aliases of tsconfig.base.json to their sources for Jest.
const fs = require('fs');
const path = require('path');

function pathsToModuleNameMapper(tsconfigPath) {
  const root = path.dirname(tsconfigPath);
  const { paths } = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8')).compilerOptions;
  const mapper = {};
  for (const [alias, [target]] of Object.entries(paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(root, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
