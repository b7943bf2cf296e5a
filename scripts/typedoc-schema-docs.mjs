// A typedoc plugin for the zod schemas the package exports (`scenarioSchema`, `besConfigSchema`, ...).
// 1. A field documented with `.meta({ description })` (what `scenario.schema.json` shows editors)
//    shows the same description in the API reference, so it is written once.
// 2. A member a mapped type makes from a union (a zod enum's values, a count per login status) has
//    no declaration of its own to carry a comment: the field or type that maps it documents it.
import { Comment, Converter, ReflectionKind } from 'typedoc';
import ts from 'typescript';

/** The string in `.meta({ description: '...' })` somewhere in `expression`'s call chain. */
function metaDescription(expression) {
  let node = expression;
  while (node && ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'meta') {
      const [argument] = node.arguments;
      if (argument && ts.isObjectLiteralExpression(argument)) {
        for (const property of argument.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            property.name.getText() === 'description' &&
            ts.isStringLiteralLike(property.initializer)
          ) {
            return property.initializer.text;
          }
        }
      }
    }
    node = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  }
  return undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const synthesized = [];

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property) || reflection.hasComment()) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) {
      synthesized.push(reflection);
      return;
    }
    const [declaration] = declarations;
    if (ts.isPropertyAssignment(declaration)) {
      const description = metaDescription(declaration.initializer);
      if (description !== undefined) reflection.comment = new Comment([{ kind: 'text', text: description }]);
    }
  });

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    // The option's own list: typedoc reads it when it validates, after conversion. Should a typedoc
    // release copy it instead, these members warn again and `npm run docs` fails: nothing is hidden.
    const intentional = app.options.getValue('intentionallyNotDocumented');
    for (const reflection of synthesized) {
      // typedoc checks neither what it dropped nor the members of a parameter's type.
      if (reflection.hasComment() || context.project.getReflectionById(reflection.id) !== reflection) continue;
      let owner = reflection.parent;
      while (owner && !owner.kindOf(ReflectionKind.Parameter)) owner = owner.parent;
      if (!owner) intentional.push(reflection.getFriendlyFullName());
    }
  });
}
